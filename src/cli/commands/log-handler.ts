import { editIncidentFile } from '../../authoring/edit-incident.js';
import { INCIDENT_VARIABLE, chooseIncident, chooseLogIncident } from '../../authoring/choose-incident.js';
import type { InputFile } from '../../pipeline/incident-files.js';
import { type LogRequest, type LoggedEvent, logEvent } from '../../authoring/log-event.js';
import type { ResolvedConfig } from '../../config/config.js';
import { wallDate } from '../../time/wall-time.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import { type CliIo, useColour } from '../io.js';
import type { CommonArgs } from '../options.js';
import type { LogArgs } from './log.js';
import type { ResolveArgs } from './resolve.js';
import { formatPretty } from '../reporters/pretty.js';
import { configFor, printDiagnostics } from './shared.js';
import { visibleControls } from '../../diagnostics/quote.js';

export async function runLog(args: LogArgs, io: CliIo): Promise<number> {
  const { errorRate } = args;
  if (errorRate !== undefined && !(Number.isFinite(errorRate) && errorRate >= 0 && errorRate <= 100)) {
    throw new UsageError('--error-rate must be a percentage from 0 to 100, like 5 or 85');
  }
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  const chosen = await chooseLogIncident(args.incident, args.text.map(String), io.env[INCIDENT_VARIABLE], config, io.cwd);
  if (!chosen.ok) throw new UsageError(chosen.message);
  const text = chosen.text.join(' ');
  if (text.trim() === '') throw new UsageError('The event text is empty: say what happened, like `postmortem log INCIDENT Rolled back the deploy`');
  return logAndReport(args, io, config, chosen.file, { text, kind: args.kind, by: args.by, at: args.at, errorRate });
}

export async function runResolve(args: ResolveArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  const chosen = await chooseIncident(args.incident, io.env[INCIDENT_VARIABLE], config, io.cwd);
  if (!chosen.ok) throw new UsageError(chosen.message);
  return logAndReport(args, io, config, chosen.file, {
    text: args.text ?? 'Resolved.',
    kind: 'resolved',
    by: args.by,
    at: args.at,
    // Resolved means ready for review: `draft` (or no status) becomes `review`. A `review` incident
    // stays as it is, and so does a `final` one: it has already been reviewed, and quietly moving it
    // back would undo a decision the team took. (A final incident normally has its `resolved`
    // already, and a second one is refused anyway.)
    status: { to: 'review', keep: ['review', 'final'] },
  });
}

type Request = Omit<LogRequest, 'now' | 'defaultZone'>;

async function logAndReport(args: CommonArgs, io: CliIo, config: ResolvedConfig, file: InputFile, request: Request): Promise<number> {
  const now = io.now();

  const outcome = await editIncidentFile(file, config, logEvent({ ...request, now, defaultZone: config.timezone }), {
    strict: args.strict,
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
  });
  switch (outcome.kind) {
    case 'written':
      if (outcome.warnings.length) printDiagnostics(outcome.warnings, args, io, io.stdout);
      io.stdout(`${describe(request, outcome.result, now)} in ${visibleControls(file.display)}:${outcome.result.line}${describeStatus(outcome.result)}\n`);
      return EXIT_OK;
    case 'refused':
      if (outcome.diagnostics.length) printDiagnostics(outcome.diagnostics, args, io, io.stdout);
      io.stderr(visibleControls(`postmortem: ${outcome.input ? '--at: ' : ''}${outcome.message}\n  hint: ${outcome.hint}\nNothing was written to ${file.display}.\n`));
      return EXIT_INVALID;
    case 'invalid': {
      // The problems are positioned in the file as it would have been, with the new event in
      // place, and shown against that text: the event's own lines are what they point at.
      if (args.format === 'pretty') {
        const readSource = (path: string) => (path === file.display ? outcome.text : undefined);
        io.stdout(formatPretty(outcome.diagnostics, { colour: useColour(io), readSource }));
      } else {
        printDiagnostics(outcome.diagnostics, args, io, io.stdout);
      }
      io.stderr(
        `postmortem: not logged: the event would bring the problems above into ${visibleControls(file.display)} (their line numbers count it in place, at line ${outcome.result.line}). Nothing was written.\n`,
      );
      return EXIT_INVALID;
    }
    case 'unreadable':
    case 'unwritable':
      printDiagnostics(outcome.diagnostics, args, io, io.stdout);
      return EXIT_INVALID;
    case 'locked':
      io.stderr(visibleControls(`postmortem: ${outcome.message}\n  hint: ${outcome.hint}\n`));
      return EXIT_USAGE;
  }
}

/** `logged 14:03 mitigated`: the time without its date when it is today in the incident's zone. */
function describe(request: Request, logged: LoggedEvent, now: Date): string {
  const today = `${wallDate(now.getTime(), logged.zone)} `;
  const approximate = logged.at.startsWith('~') ? '~' : '';
  const bare = logged.at.replace(/^~/, '');
  const shown = bare.startsWith(today) ? `${approximate}${bare.slice(today.length)}` : logged.at;
  return `logged ${shown} ${request.kind ?? 'note'}`;
}

function describeStatus(logged: LoggedEvent): string {
  const status = logged.status;
  if (!status) return '';
  if (!status.changed) return `; status stays ${status.to}`;
  return status.from === null ? `; added status: ${status.to}` : `; status: ${status.from} → ${status.to}`;
}
