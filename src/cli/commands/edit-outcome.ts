import { INCIDENT_VARIABLE, chooseIncident } from '../../authoring/choose-incident.js';
import type { EditOutcome } from '../../authoring/edit-incident.js';
import type { ResolvedConfig } from '../../config/config.js';
import { visibleControls } from '../../diagnostics/quote.js';
import type { InputFile } from '../../pipeline/incident-files.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import { type CliIo, useColour } from '../io.js';
import type { CommonArgs } from '../options.js';
import { formatPretty } from '../reporters/pretty.js';
import { configFor, printDiagnostics } from './shared.js';

/**
 * The configuration, and the incident a command that edits one names: INCIDENT
 * when given, else `POSTMORTEM_INCIDENT`; a usage error when neither names one.
 */
export async function incidentToEdit(args: CommonArgs & { incident?: string }, io: CliIo): Promise<{ config: ResolvedConfig; file: InputFile } | { exitCode: number }> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded;
  const chosen = await chooseIncident(args.incident, io.env[INCIDENT_VARIABLE], loaded.config, io.cwd);
  if (!chosen.ok) throw new UsageError(chosen.message);
  return { config: loaded.config, file: chosen.file };
}

/** How a command that edits one incident file (`log`, `resolve`, `amend`, `undo`) words its outcome. */
export interface EditWording<T> {
  /** `logged`, for "not logged: the event would bring…". */
  verb: string;
  /** `the event`. */
  subject: string;
  /** Put before the message of a problem with what was asked: `--at: `. */
  inputLabel?: string;
  /** What the line numbers of a refused change's problems count: `it in place, at line 12`. */
  inPlace: (result: T) => string;
  /** Says what was written (and does what follows a write). */
  written: (result: T, text: string) => Promise<void> | void;
}

/** Prints an edit's outcome as every editing command does; returns the exit code. */
export async function reportEdit<T>(outcome: EditOutcome<T>, file: InputFile, args: CommonArgs, io: CliIo, wording: EditWording<T>): Promise<number> {
  switch (outcome.kind) {
    case 'written':
      if (outcome.warnings.length) printDiagnostics(outcome.warnings, args, io, 'stdout');
      await wording.written(outcome.result, outcome.text);
      return EXIT_OK;
    case 'refused': {
      if (outcome.diagnostics.length) printDiagnostics(outcome.diagnostics, args, io, 'stdout');
      const label = outcome.input ? (wording.inputLabel ?? '') : '';
      io.stderr(visibleControls(`postmortem: ${label}${outcome.message}\n  hint: ${outcome.hint}\nNothing was written to ${file.display}.\n`));
      return EXIT_INVALID;
    }
    case 'invalid': {
      // The problems are positioned in the file as it would have been, with the change in
      // place, and shown against that text: the changed lines are what they point at.
      if (args.format === 'pretty') {
        const readSource = (path: string) => (path === file.display ? outcome.text : undefined);
        io.stdout(formatPretty(outcome.diagnostics, { colour: useColour(io), readSource }));
      } else {
        printDiagnostics(outcome.diagnostics, args, io, 'stdout');
      }
      io.stderr(
        `postmortem: not ${wording.verb}: ${wording.subject} would bring the problems above into ${visibleControls(file.display)} (their line numbers count ${wording.inPlace(outcome.result)}). Nothing was written.\n`,
      );
      return EXIT_INVALID;
    }
    case 'unreadable':
    case 'unwritable':
      printDiagnostics(outcome.diagnostics, args, io, 'stdout');
      return EXIT_INVALID;
    case 'locked':
      io.stderr(visibleControls(`postmortem: ${outcome.message}\n  hint: ${outcome.hint}\n`));
      return EXIT_USAGE;
  }
}
