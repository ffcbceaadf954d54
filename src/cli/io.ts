import { isatty } from 'node:tty';
import { UsageError } from './exit-codes.js';
import { type Progress, terminalProgress } from './progress.js';
import { type Prompts, terminalPrompts } from './prompts.js';
import { parseRfc3339 } from '../time/rfc3339.js';

/** Everything the CLI touches of its process, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal: what goes there is coloured only then (see `useColour`). */
  stdoutIsTTY: boolean;
  /** Whether stdin is a terminal: commands ask for missing answers only then, and never in CI. */
  stdinIsTTY: boolean;
  /** Whether standard error is a terminal: a progress bar is drawn only there, and never in CI (see `progressFor`). */
  stderrIsTTY?: boolean;
  /** The current time. Only commands that write incident files (`new`, `log`, `resolve`, `amend`) and the default `--as-of` read it. */
  now: () => Date;
  /** Draws a progress bar for a run over `total` files; called only where one may be drawn (see `progressFor`). */
  progress?: (label: string, total: number) => Promise<Progress>;
  /** Asks questions; used only where a command may ask (see `canPrompt`). */
  prompts?: Prompts;
  /** Standard input, opened only by a command told to read it (`import … -`). */
  stdin?: () => AsyncIterable<Uint8Array>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // Asked of the descriptors, as `process.stdin.isTTY` would be: reading `process.stdin` or
    // `process.stderr` opens a stream (loading `net` for a pipe), which most runs never use.
    stdinIsTTY: isatty(0),
    stderrIsTTY: isatty(2),
    now: clock(process.env.POSTMORTEM_NOW),
    progress: terminalProgress,
    prompts: terminalPrompts,
    stdin: () => process.stdin,
  };
}

/**
 * `POSTMORTEM_NOW` (an RFC 3339 instant, with its offset) fixes the clock, for
 * scripted demos and tests of the commands that stamp the current time. A
 * time without an offset is refused: `Date.parse` would read it in the
 * machine's zone, and the same demo would stamp other times elsewhere.
 */
export function clock(fixed: string | undefined): () => Date {
  if (fixed === undefined || fixed === '') return () => new Date();
  const instant = parseRfc3339(fixed);
  return () => {
    if (instant === undefined) {
      throw new UsageError(`POSTMORTEM_NOW must be an instant with its offset, such as 2026-11-25T14:03:00Z or 2026-11-25T15:03:00+01:00, not \`${fixed}\``);
    }
    return new Date(instant);
  };
}

/**
 * Whether to colour what goes to `stream`: on a terminal (that one, not the
 * other: `render 2> err.txt` at a terminal wrote escape codes into the
 * file), unless `NO_COLOR` is set to anything but empty (no-color.org) or
 * the terminal is dumb. `FORCE_COLOR` decides either way: `0` or `false`
 * never, any other value always, as most command-line tools read it.
 */
export function useColour(io: CliIo, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  const force = io.env.FORCE_COLOR;
  if (io.env.NO_COLOR) return false;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return Boolean(stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY) && io.env.TERM !== 'dumb';
}

/** Whether a command may ask questions: both ends are a terminal, this is not CI, and there is something to ask with. */
export function canPrompt(io: CliIo): io is CliIo & { prompts: Prompts } {
  return io.stdinIsTTY && io.stdoutIsTTY && !io.env.CI && io.prompts !== undefined;
}

/**
 * How to type the tool's name in the commands it suggests: `npx postmortem`
 * when npx ran it (`npm_command=exec`), as a project that installs it as a
 * dev dependency does, where a bare `postmortem` is not on the PATH.
 */
export function toolCommand(io: CliIo): string {
  return io.env.npm_command === 'exec' ? 'npx postmortem' : 'postmortem';
}
