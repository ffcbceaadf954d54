import { relative } from 'node:path';
import { type NewIncidentDraft, draftNewIncident, splitServices } from '../../authoring/new-incident-input.js';
import { shortestName } from '../../authoring/incident-name.js';
import { knownIncidents } from '../../authoring/known-ids.js';
import { askTitleAndSeverity, cancelled } from '../ask-incident.js';
import { createIncident } from '../../authoring/new-incident.js';
import type { ResolvedConfig } from '../../config/config.js';
import { visibleControls } from '../../diagnostics/quote.js';
import { EXIT_CANCELLED, EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import { type CliIo, canPrompt, toolCommand } from '../io.js';
import type { Prompts } from '../prompts.js';
import type { NewArgs } from './new.js';
import { configFor, printDiagnostics } from './shared.js';

/**
 * `postmortem new`: what the flags leave out is asked for on a terminal;
 * anywhere else (a pipe, CI) nothing waits for input and the missing answers
 * are named in one message.
 */
export async function runNew(args: NewArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;

  const drafted = draftNewIncident(args, config, io.now());
  if (!drafted.ok) {
    const { problem } = drafted;
    throw new UsageError('hint' in problem ? `--${problem.field}: ${problem.message}. ${problem.hint}` : problem.message);
  }
  let draft = drafted.draft;

  const missing = [draft.title === undefined && 'a title', draft.severity === undefined && '--severity'].filter(Boolean);
  if (missing.length) {
    if (!canPrompt(io)) {
      throw new UsageError(
        `missing ${missing.join(' and ')}, and there is no terminal to ask on.\n` +
          `Give them on the command line, for example: postmortem new "Checkout errors" --severity ${config.severities[0]?.id ?? 'SEV1'}`,
      );
    }
    const asked = await ask(draft, config, io.prompts);
    if (!asked) {
      io.stderr('postmortem: cancelled; nothing was written.\n');
      return EXIT_CANCELLED;
    }
    draft = asked;
  }

  const { title, severity, services, timezone, started, id } = draft;
  const result = await createIncident({ title: title!, severity: severity!, services: services ?? [], timezone, started, ...(id === undefined ? {} : { id }) }, config);
  if (!result.ok && 'taken' in result) {
    throw new UsageError(`--id: \`${result.taken}\` is taken: an incident file in ${relative(io.cwd, config.incidents) || '.'}/ has that name or id. Choose another, or leave --id out.`);
  }
  if (!result.ok) {
    printDiagnostics(result.diagnostics, args, io, 'stdout');
    return EXIT_INVALID;
  }
  const shown = relative(io.cwd, result.path) || result.path;
  const short = shortestName(result.id, await knownIncidents(config.incidents, io.cwd));
  const called = short === result.id ? `\`${short}\`` : `\`${short}\` (any part of its id that no other incident's has)`;
  const tool = toolCommand(io);
  io.stdout(
    `created ${visibleControls(shown)} (impact started ${started.text}, ${timezone})\n` +
      `Call it ${called}, or @latest while it is the newest unresolved incident.\n` +
      `Log what happens as it happens:  ${tool} log ${short} "what happened" [--kind detected] [--at 14:05]\n` +
      `Fix or take back the last event: ${tool} amend ${short} --text "..."  or  ${tool} undo ${short}\n` +
      `When it is over:                 ${tool} resolve ${short}\n` +
      `Or name it once for this shell:  export POSTMORTEM_INCIDENT=${result.id}\n`,
  );
  return EXIT_OK;
}

/** Asks for what is missing; `undefined` when the person cancels (Ctrl-C, Escape). */
async function ask(draft: NewIncidentDraft, config: ResolvedConfig, prompts: Prompts): Promise<NewIncidentDraft | undefined> {
  await prompts.intro('New incident');
  const asked = await askTitleAndSeverity(draft, config, prompts);
  if (!asked) return undefined;
  const { title, severity } = asked;
  let services = draft.services;
  if (services === undefined) {
    const typed = await prompts.text({ message: 'Affected services (comma-separated, optional)', placeholder: 'checkout, payments', defaultValue: '' });
    if (typed === undefined) return cancelled(prompts);
    services = splitServices([typed]);
  }
  await prompts.outro('Writing the incident file');
  return { ...draft, title: title.trim(), severity, services };
}

