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
 * A bar drawn on standard error, so standard output (a report, JSON, CSV)
 * stays clean even when both go to the terminal: one short line redrawn in
 * place. Not @clack/prompts' bar (which `new`'s prompts use): it takes over
 * SIGINT and SIGTERM and puts standard input in raw mode, so Ctrl-C during
 * `export > file` printed "Canceled" and exited 0 with the file empty, and a
 * `kill` was ignored. This one leaves signals to Node: Ctrl-C stops the run
 * with the usual 130.
 */
export async function terminalProgress(label: string, total: number): Promise<Progress> {
  const output = process.stderr;
  const draw = (done: number) => {
    const filled = Math.round((BAR_WIDTH * done) / total);
    // Back to the line's start and clear it: the line is short enough never to wrap.
    output.write(`\r\u001B[2K${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${label} ${done}/${total}`);
  };
  draw(0);
  let shown = 0;
  return {
    update(done) {
      // Redraw at most every 1% so ten thousand files cost a hundred redraws.
      if (done - shown < total / 100 && done !== total) return;
      draw(done);
      shown = done;
    },
    stop() {
      output.write('\r\u001B[2K');
    },
  };
}

const BAR_WIDTH = 20;
