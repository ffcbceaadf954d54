import { actionListToCsv, actionListToJson, itemsOfLaterIncidents, listActions } from '../../report/action-list.js';
import type { OutputText } from '../../output/output-text.js';
import { EXIT_INVALID } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ActionsArgs } from './actions.js';
import { loadRecords, postmortemLinks } from './many-incidents.js';
import { emit, resultExitCode } from './shared.js';

/**
 * `postmortem actions`: the action items across incidents, as a Markdown
 * table, JSON or CSV. Exit 1 when an input file is invalid (the list covers
 * the valid ones), and with `--fail-on-overdue` when any listed item is
 * overdue (the list is printed all the same).
 */
export async function runActions(args: ActionsArgs, io: CliIo): Promise<number> {
  const loaded = await loadRecords(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config, collected, asOf } = loaded;
  const filters = { owners: args.owner, statuses: args.status, overdueOnly: args.overdue };
  const actions = listActions(collected.records, filters, asOf);
  const leftOut = itemsOfLaterIncidents(collected.records, filters, asOf);

  let text: OutputText;
  switch (args.format) {
    case 'json':
      text = actionListToJson(actions, asOf, leftOut);
      break;
    case 'csv':
      text = actionListToCsv(actions, { raw: args.rawCsv });
      break;
    case 'md': {
      const { actionListToMarkdown } = await import('../../report/action-markdown.js');
      text = actionListToMarkdown(actions, { asOf, leftOut, linkTo: postmortemLinks(config, args, io) });
      break;
    }
  }
  const unwritten = await emit(text, args, io);
  if (unwritten !== null) return unwritten;

  const overdue = actions.filter((action) => action.overdue).length;
  if (args.failOnOverdue && overdue > 0) {
    io.stderr(`${overdue} overdue action ${overdue === 1 ? 'item' : 'items'} as of ${asOf}\n`);
    return EXIT_INVALID;
  }
  return resultExitCode(collected, args);
}
