import { resolve } from 'node:path';
import { editIncidentFile } from '../../authoring/edit-incident.js';
import { incidentZone } from '../../authoring/edit-text.js';
import { findIncident } from '../../authoring/find-incident.js';
import type { ResolvedConfig } from '../../config/config.js';
import { visibleControls } from '../../diagnostics/quote.js';
import { closestMatch, quoteList } from '../../diagnostics/suggest.js';
import { draftImport } from '../../import/draft-import.js';
import { DEFAULT_FETCH_LIMITS } from '../../import/fetch-input.js';
import type { ImportOptions, ImportSource } from '../../import/import-source.js';
import type { ImportResult, ImportedIncident } from '../../import/imported-incident.js';
import { readJsonInput } from '../../import/json-input.js';
import { mergeEvents } from '../../import/merge-incident.js';
import { readSourceOptions } from '../../import/source-options.js';
import { IMPORT_SOURCES, importSource } from '../../import/sources/index.js';
import { writeImportedIncident } from '../../import/write-incident.js';
import type { InputFile } from '../../pipeline/incident-files.js';
import { displayPath } from '../../pipeline/paths.js';
import { readSourceFile } from '../../source/source-file.js';
import { askTitleAndSeverity } from '../ask-incident.js';
import { EXIT_CANCELLED, EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import { type CliIo, canPrompt } from '../io.js';
import { reportEdit } from './edit-outcome.js';
import type { ImportArgs } from './import.js';
import { configFor, printDiagnostics } from './shared.js';

/** `postmortem import`: read the source, then write a new file or add to one; nothing is written on any problem. */
export async function runImport(args: ImportArgs, io: CliIo): Promise<number> {
  const source = importSource(args.source);
  if (!source) {
    const names = IMPORT_SOURCES.map((known) => known.name);
    const near = closestMatch(args.source, names);
    throw new UsageError(`Unknown source \`${visibleControls(args.source)}\`${near ? `; did you mean \`${near}\`?` : ''} The sources are ${quoteList(names)}.`);
  }
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;

  // --into: the file first, so a wrong name is said before a large export is read, and its zone reads --since and --until.
  let target: InputFile | undefined;
  let zone = args.timezone ?? config.timezone;
  if (args.into !== undefined) {
    const found = await findIncident(args.into, config, io.cwd);
    if (!found.ok) throw new UsageError(found.message);
    target = found.file;
    const read = await readSourceFile(target.absolute, target.display);
    if (read.ok) zone = incidentZone(read.source.text, config.timezone);
  }
  const options = readSourceOptions(args, source.options, zone, source.name);
  if (!options.ok) throw new UsageError(options.message);

  const result = await readSource(source, args.input, options.options, io);
  if (!result.ok) {
    if (result.usage !== undefined) throw new UsageError(result.usage);
    printDiagnostics(result.diagnostics, args, io, 'stdout');
    io.stderr('postmortem: not imported; nothing was written.\n');
    return EXIT_INVALID;
  }
  if (result.warnings.length) printDiagnostics(result.warnings, args, io, 'stdout');
  return target === undefined ? createFile(result.incident, args, io, config) : addToFile(result.incident, target, args, io, config);
}

async function readSource(source: ImportSource, given: string, options: ImportOptions, io: CliIo): Promise<ImportResult> {
  if (source.input === 'path') {
    const path = resolve(io.cwd, given);
    return source.read({ path, display: displayPath(path, io.cwd) }, options);
  }
  const read = await readJsonInput(given, source, { cwd: io.cwd, stdin: io.stdin, fetch: DEFAULT_FETCH_LIMITS });
  return read.ok ? source.read(read.document, options) : { ok: false, diagnostics: read.diagnostics };
}

async function createFile(incident: ImportedIncident, args: ImportArgs, io: CliIo, config: ResolvedConfig): Promise<number> {
  // A file would have no timeline: nothing to ask for or write (the source's warning, if any, has said why).
  if (incident.events.length === 0) {
    io.stderr('postmortem: nothing to import: the source gave no event, so no file was written.\n');
    return EXIT_INVALID;
  }
  const drafted = draftImport(incident, args, config);
  if (!drafted.ok) throw new UsageError(`--${drafted.problem.option}: ${drafted.problem.message}`);
  let { title, severity } = drafted.draft;
  const { timezone, id, unmappedSeverity, notes } = drafted.draft;
  if (title === undefined || severity === undefined) {
    if (!canPrompt(io)) throw new UsageError(missingMessage(title === undefined, severity === undefined, unmappedSeverity, config));
    await io.prompts.intro(`New incident from ${incident.source.name}`);
    const asked = await askTitleAndSeverity({ title, severity }, config, io.prompts);
    if (!asked) {
      io.stderr('postmortem: cancelled; nothing was written.\n');
      return EXIT_CANCELLED;
    }
    await io.prompts.outro('Writing the incident file');
    ({ title, severity } = asked);
  }
  const written = await writeImportedIncident(incident, { title, severity, timezone, ...(id ? { id } : {}) }, config, io.cwd);
  if (!written.ok) {
    if (written.exists) {
      io.stderr(
        visibleControls(
          `postmortem: ${written.exists.path} already exists (id ${written.exists.id}); nothing was written.\n` +
            `  hint: to add what it lacks: postmortem import ${incident.source.name} ${args.input} --into ${written.exists.id}` +
            '; or give another --id.\n',
        ),
      );
      return EXIT_INVALID;
    }
    printDiagnostics(written.diagnostics, args, io, 'stdout');
    io.stderr('postmortem: not imported: the new file would not be valid. Nothing was written.\n');
    return EXIT_INVALID;
  }
  printConflicts(written.conflicts, io);
  for (const note of [...notes, ...written.notes]) io.stderr(visibleControls(`postmortem: ${note}\n`));
  io.stdout(
    visibleControls(
      `created ${written.path}: ${count(written.events, 'event')} from ${describeSource(incident)}, times in ${timezone}\n` +
        `Write the summary, the impact and the cause; see it with: postmortem render ${written.path}\n`,
    ),
  );
  return EXIT_OK;
}

async function addToFile(incident: ImportedIncident, file: InputFile, args: ImportArgs, io: CliIo, config: ResolvedConfig): Promise<number> {
  const outcome = await editIncidentFile(file, config, mergeEvents(incident.events, config.timezone, incident.source), {
    strict: args.strict,
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
  });
  return reportEdit(outcome, file, args, io, {
    verb: 'imported',
    subject: 'the events',
    inPlace: () => 'them in place',
    written: ({ added, skipped, conflicts }) => {
      printConflicts(conflicts, io);
      const already = skipped ? `; ${count(skipped, 'event')} already there` : '';
      io.stdout(visibleControls(`${added ? `added ${count(added, 'event')} to` : 'nothing new for'} ${file.display} from ${describeSource(incident)}${already}\n`));
    },
  });
}

/** A milestone that became a note, named with both times; on standard error, beside the result (it is not a problem of any file). */
function printConflicts(conflicts: readonly string[], io: CliIo): void {
  for (const conflict of conflicts) io.stderr(visibleControls(`postmortem: warning: ${conflict} [import-conflict]\n`));
}

function missingMessage(title: boolean, severity: boolean, unmapped: string | undefined, config: ResolvedConfig): string {
  const missing = [title && '--title', severity && '--severity'].filter(Boolean).join(' and ');
  const level = config.severities[0]?.id ?? 'SEV1';
  const lines = [`missing ${missing}, and there is no terminal to ask on.`];
  if (severity && unmapped !== undefined) {
    lines.push(`The source's severity is \`${visibleControls(unmapped)}\`, which no severity map covers: give --severity ${level}, or --severity-map ${visibleControls(unmapped)}=${level} (or set import.severity_map in the configuration).`);
  } else {
    lines.push(`Give them on the command line, for example: ${[title && '--title "Checkout errors"', severity && `--severity ${level}`].filter(Boolean).join(' ')}`);
  }
  return lines.join('\n');
}

function describeSource(incident: ImportedIncident): string {
  return `${incident.source.name}${incident.source.id ? ` incident ${incident.source.id}` : ''}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
