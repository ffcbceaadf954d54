import { stripVTControlCharacters as plain } from 'node:util';
import { spawn } from '@lydell/node-pty';

/** One step of a conversation: wait until the screen shows `expect`, then type `send`. */
export interface PtyStep {
  expect: RegExp;
  send: string;
}

export interface PtyRun {
  exitCode: number;
  /** The signal that ended it, if one did (2 for SIGINT). */
  signal: number | undefined;
  /** Everything the program wrote, escape sequences removed. */
  screen: string;
}


/**
 * Runs a program at a pseudo-terminal, as a person would: each step waits for
 * its prompt to appear before typing. Fails (rather than hangs) when a prompt
 * never comes.
 */
export function runInPty(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  steps: readonly PtyStep[],
  timeoutMs = 20_000,
): Promise<PtyRun> {
  return new Promise((resolve, reject) => {
    const pty = spawn(file, args, { cwd: options.cwd, env: options.env, cols: 100, rows: 30, name: 'xterm' });
    let raw = '';
    let seen = 0;
    let step = 0;
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`timed out waiting for ${String(steps[step]?.expect ?? 'exit')}; screen so far:\n${plain(raw)}`));
    }, timeoutMs);
    pty.onData((data) => {
      raw += data;
      const next = steps[step];
      if (!next) return;
      const fresh = plain(raw.slice(seen));
      if (next.expect.test(fresh)) {
        seen = raw.length;
        step += 1;
        // Let the prompt finish drawing and start reading before typing.
        setTimeout(() => pty.write(next.send), 150);
      }
    });
    pty.onExit(({ exitCode, signal }) => {
      clearTimeout(timer);
      if (step < steps.length) reject(new Error(`exited ${exitCode} before ${String(steps[step]!.expect)}:\n${plain(raw)}`));
      else resolve({ exitCode, signal: signal || undefined, screen: plain(raw) });
    });
  });
}
