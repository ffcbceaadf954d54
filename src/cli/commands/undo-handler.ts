import { editIncidentFile } from '../../authoring/edit-incident.js';
import { recallLastLog, rememberLastLog } from '../../authoring/last-log.js';
import { undoLastLog } from '../../authoring/undo-log.js';
import { visibleControls } from '../../diagnostics/quote.js';
import { EXIT_INVALID } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { incidentToEdit, reportEdit } from './edit-outcome.js';
import type { UndoArgs } from './undo.js';

/** `postmortem undo`: the file as it was before the last `log` into it, if nothing has changed it since. */
export async function runUndo(args: UndoArgs, io: CliIo): Promise<number> {
  const chosen = await incidentToEdit(args, io);
  if ('exitCode' in chosen) return chosen.exitCode;
  const { config, file } = chosen;
  const shown = visibleControls(file.display);

  const entry = await recallLastLog(file, config);
  if (!entry) {
    io.stderr(`postmortem: nothing to undo in ${shown}: no \`log\` into it is remembered (undo takes back one log, once).\nNothing was written to ${shown}.\n`);
    return EXIT_INVALID;
  }
  const outcome = await editIncidentFile(file, config, undoLastLog(entry, shown), {
    strict: args.strict,
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
  });
  return reportEdit(outcome, file, args, io, {
    verb: 'undone',
    subject: 'taking the event back',
    inPlace: () => 'the file without it',
    written: async (undone) => {
      io.stdout(`undone: removed the ${undone.kind} at ${visibleControls(undone.at)} (event ${undone.event}) from ${shown}\n`);
      const forgotten = await rememberLastLog(file, config, undefined);
      if (!forgotten.ok) io.stderr(visibleControls(`postmortem: undone, but could not forget it: ${forgotten.message}\n`));
    },
  });
}
