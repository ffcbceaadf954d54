import type { CliIo } from './io.js';

/** A progress bar for long runs; the CLI shows one only on a terminal. */
export interface Progress {
  /** `done` of the total are finished. */
  update(done: number): void;
  /** Removes the bar: what follows on the terminal reads as if it had never been there. */
  stop(): void;
}

/** Below this many files a run is over before a bar would be worth drawing. */
export const PROGRESS_MIN_FILES = 200;

/**
 * A progress bar for a run over `total` files, or `undefined` where none may
 * be drawn: standard error is not a terminal (piped, captured), CI is set,
 * the terminal is dumb, or the run is short.
 */
export async function progressFor(io: CliIo, label: string, total: number): Promise<Progress | undefined> {
  const drawable = io.stderrIsTTY && !io.env.CI && io.env.TERM !== 'dumb';
  if (!drawable || total < PROGRESS_MIN_FILES) return undefined;
  return io.progress?.(label, total);
}

/**
 * A bar drawn on standard error with @clack/prompts, so standard output
 * (a report, JSON, CSV) stays clean even when both go to the terminal.
 */
export async function terminalProgress(label: string, total: number): Promise<Progress> {
  const { progress } = await import('@clack/prompts');
  const bar = progress({ max: total, output: process.stderr, withGuide: false });
  bar.start(`${label} 0/${total}`);
  let shown = 0;
  return {
    update(done) {
      // Redraw at most every 1% so ten thousand files cost a hundred redraws.
      if (done - shown < total / 100 && done !== total) return;
      bar.advance(done - shown, `${label} ${done}/${total}`);
      shown = done;
    },
    stop() {
      bar.clear();
    },
  };
}
