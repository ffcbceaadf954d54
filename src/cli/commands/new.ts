import { relative } from 'node:path';
import type * as Prompts from '@clack/prompts';
import { createIncident } from '../../authoring/new-incident.js';
import { readTimeInput } from '../../authoring/time-input.js';
import type { ResolvedConfig } from '../../config/config.js';
import { closestMatch, quoteList } from '../../diagnostics/suggest.js';
import { isKnownZone } from '../../time/zone.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import { type CliIo, canPrompt } from '../io.js';
import type { NewArgs } from '../main.js';
import { configFor, printDiagnostics } from './shared.js';
import { visibleControls } from '../../diagnostics/quote.js';

interface Answers {
  title?: string;
  severity?: string;
  services?: string[];
}

/**
 * `postmortem new`: what the flags leave out is asked for on a terminal;
 * anywhere else (a pipe, CI) nothing waits for input and the missing answers
 * are named in one message.
 */
export async function runNew(args: NewArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;

  const timezone = args.timezone ?? config.timezone;
  if (!isKnownZone(timezone)) throw new UsageError(`\`${timezone}\` is not an IANA time zone; use a name such as Europe/Berlin or UTC.`);
  const started = readTimeInput(args.started, timezone, io.now());
  if (!started.ok) throw new UsageError(`--started: ${started.message}. ${started.hint}`);

  let answers: Answers = { title: args.title?.trim() || undefined, severity: args.severity, services: splitList(args.services) };
  if (answers.title !== undefined) checkTitle(answers.title);
  if (answers.severity !== undefined) checkSeverity(answers.severity, config);

  const missing = [answers.title === undefined && 'a title', answers.severity === undefined && '--severity'].filter(Boolean);
  if (missing.length) {
    if (!canPrompt(io)) {
      throw new UsageError(
        `missing ${missing.join(' and ')}, and there is no terminal to ask on.\n` +
          `Give them on the command line, for example: postmortem new "Checkout errors" --severity ${config.severities[0]?.id ?? 'SEV1'}`,
      );
    }
    const asked = await ask(answers, config);
    if (!asked) {
      io.stderr('postmortem: cancelled; nothing was written.\n');
      return EXIT_INVALID;
    }
    answers = asked;
  }

  const result = await createIncident(
    { title: answers.title!, severity: answers.severity!, services: answers.services ?? [], timezone, started },
    config,
  );
  if (!result.ok) {
    printDiagnostics(result.diagnostics, args, io, io.stdout);
    return EXIT_INVALID;
  }
  const shown = relative(io.cwd, result.path) || result.path;
  io.stdout(
    `created ${visibleControls(shown)} (impact started ${started.text}, ${timezone})\n` +
      `Log what happens as it happens:  postmortem log ${result.id} "what happened" [--kind detected] [--at 14:05]\n` +
      `When it is over:                 postmortem resolve ${result.id}\n`,
  );
  return EXIT_OK;
}

/** `--services a,b --services c` and `--services a b` both mean [a, b, c]. */
function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values.flatMap((value) => String(value).split(',')).map((value) => value.trim()).filter(Boolean);
}

function titleProblem(title: string): string | undefined {
  if (!title.trim()) return 'The title cannot be empty.';
  if (/[\r\n]/.test(title)) return 'The title must be one line.';
  return undefined;
}

function checkTitle(title: string): void {
  const problem = titleProblem(title);
  if (problem) throw new UsageError(problem);
}

function checkSeverity(severity: string, config: ResolvedConfig): void {
  const ids = config.severities.map((level) => level.id);
  if (ids.includes(severity)) return;
  const near = closestMatch(severity, ids);
  throw new UsageError(
    `\`${severity}\` is not a configured severity${near ? `; did you mean \`${near}\`?` : '.'} The levels are ${quoteList(ids)}.`,
  );
}

/** Asks for what is missing; `undefined` when the person cancels (Ctrl-C, Escape). */
async function ask(answers: Answers, config: ResolvedConfig): Promise<Answers | undefined> {
  const prompts = await import('@clack/prompts');
  prompts.intro('New incident');
  const title =
    answers.title ??
    (await prompts.text({ message: 'Title (one line)', placeholder: 'Checkout errors in EU', validate: (value) => titleProblem(value ?? '') }));
  if (prompts.isCancel(title)) return cancelled(prompts);
  const severity =
    answers.severity ??
    (await prompts.select({
      message: 'Severity',
      options: config.severities.map((level) => ({ value: level.id, label: level.id, hint: level.description })),
    }));
  if (prompts.isCancel(severity)) return cancelled(prompts);
  let services = answers.services;
  if (services === undefined) {
    const typed = await prompts.text({ message: 'Affected services (comma-separated, optional)', placeholder: 'checkout, payments', defaultValue: '' });
    if (prompts.isCancel(typed)) return cancelled(prompts);
    services = splitList([typed]);
  }
  prompts.outro('Writing the incident file');
  return { title: title.trim(), severity, services };
}

function cancelled(prompts: typeof Prompts): undefined {
  prompts.cancel('Cancelled');
  return undefined;
}
