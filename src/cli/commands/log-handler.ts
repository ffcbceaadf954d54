import { editIncidentFile } from '../../authoring/edit-incident.js';
import { INCIDENT_VARIABLE, chooseLogIncident } from '../../authoring/choose-incident.js';
import type { InputFile } from '../../pipeline/incident-files.js';
import { lastLogEntry, recordingBefore, rememberLastLog } from '../../authoring/last-log.js';
import { type LogRequest, type LoggedEvent, logEvent } from '../../authoring/log-event.js';
import type { ResolvedConfig } from '../../config/config.js';
import { wallDate } from '../../time/wall-time.js';
import { UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { CommonArgs } from '../options.js';
import type { LogArgs } from './log.js';
import type { ResolveArgs } from './resolve.js';
import { incidentToEdit, reportEdit } from './edit-outcome.js';
import { configFor } from './shared.js';
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
  const chosen = await incidentToEdit(args, io);
  if ('exitCode' in chosen) return chosen.exitCode;
  return logAndReport(args, io, chosen.config, chosen.file, {
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

  const outcome = await editIncidentFile(file, config, recordingBefore(logEvent({ ...request, now, defaultZone: config.timezone })), {
    strict: args.strict,
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
  });
  return reportEdit(outcome, file, args, io, {
    verb: 'logged',
    subject: 'the event',
    inputLabel: '--at: ',
    inPlace: (result) => `it in place, at line ${result.line}`,
    written: async (result, text) => {
      io.stdout(`${describe(request, result, now)} in ${visibleControls(file.display)}:${result.line}${describeStatus(result)}\n`);
      const remembered = await rememberLastLog(file, config, lastLogEntry(result.before, text, { index: result.event, at: result.at, kind: result.kind }));
      if (!remembered.ok) io.stderr(visibleControls(`postmortem: logged, but \`undo\` will not know this event: ${remembered.message}\n`));
    },
  });
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
