import { spawn } from '@lydell/node-pty';

/** One step of a conversation: wait until the screen shows `expect`, then type `send`. */
export interface PtyStep {
  expect: RegExp;
  send: string;
}

export interface PtyRun {
  exitCode: number;
  /** Everything the program wrote, escape sequences removed. */
  screen: string;
}

// CSI and OSC sequences, and the cursor-hiding ones clack writes.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-Z]/g;

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
      reject(new Error(`timed out waiting for ${String(steps[step]?.expect ?? 'exit')}; screen so far:\n${raw.replace(ANSI, '')}`));
    }, timeoutMs);
    pty.onData((data) => {
      raw += data;
      const next = steps[step];
      if (!next) return;
      const fresh = raw.slice(seen).replace(ANSI, '');
      if (next.expect.test(fresh)) {
        seen = raw.length;
        step += 1;
        // Let the prompt finish drawing and start reading before typing.
        setTimeout(() => pty.write(next.send), 150);
      }
    });
    pty.onExit(({ exitCode }) => {
      clearTimeout(timer);
      if (step < steps.length) reject(new Error(`exited ${exitCode} before ${String(steps[step]!.expect)}:\n${raw.replace(ANSI, '')}`));
      else resolve({ exitCode, screen: raw.replace(ANSI, '') });
    });
  });
}
