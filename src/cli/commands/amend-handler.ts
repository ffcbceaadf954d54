import { type EventChoice, amendEvent } from '../../authoring/amend-event.js';
import { editIncidentFile } from '../../authoring/edit-incident.js';
import { type LastLog, lastLogEntry, recallLastLog, recordingBefore, rememberLastLog, reverse, textHash } from '../../authoring/last-log.js';
import { visibleControls } from '../../diagnostics/quote.js';
import { UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { AmendArgs } from './amend.js';
import { incidentToEdit, reportEdit } from './edit-outcome.js';

/** `postmortem amend`: one event changed in place; what `undo` remembers follows the event the last `log` added. */
export async function runAmend(args: AmendArgs, io: CliIo): Promise<number> {
  if (args.kind === undefined && args.text === undefined && args.at === undefined && args.by === undefined) {
    throw new UsageError('Say what to change: --text, --at, --kind or --by');
  }
  const chosen = await incidentToEdit(args, io);
  if ('exitCode' in chosen) return chosen.exitCode;
  const { config, file } = chosen;
  const shown = visibleControls(file.display);

  const entry = await recallLastLog(file, config);
  const choice = eventChoice(args.event, entry);
  const changes = { at: args.at, kind: args.kind, text: args.text, by: args.by };
  const outcome = await editIncidentFile(file, config, recordingBefore(amendEvent(choice, changes, { now: io.now(), defaultZone: config.timezone })), {
    strict: args.strict,
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
  });
  return reportEdit(outcome, file, args, io, {
    verb: 'amended',
    subject: 'the change',
    inPlace: (result) => `it in place, at line ${result.line}`,
    written: async (amended, text) => {
      const moved = amended.was === amended.event ? '' : ` (was event ${amended.was})`;
      io.stdout(`amended event ${amended.event}${moved}, the ${amended.kind} at ${visibleControls(amended.at)}, in ${shown}:${amended.line}\n`);
      // The event the last log added, amended: undo still takes it back, as it is now.
      if (entry && entry.sha256 === textHash(amended.before) && entry.event === amended.was) {
        const beforeLog = reverse(amended.before, entry);
        const remembered = await rememberLastLog(file, config, lastLogEntry(beforeLog, text, { index: amended.event, at: amended.at, kind: amended.kind }));
        if (!remembered.ok) io.stderr(visibleControls(`postmortem: amended, but \`undo\` will not know the event: ${remembered.message}\n`));
      }
    },
  });
}

/** `--event 3` is a number in file order; any other `--event` is a time; none is the last log's event. */
function eventChoice(event: string | undefined, entry: LastLog | undefined): EventChoice {
  if (event === undefined) return { by: 'last', entry };
  const trimmed = event.trim();
  return /^[0-9]+$/.test(trimmed) ? { by: 'number', number: Number(trimmed) } : { by: 'time', time: trimmed };
}
