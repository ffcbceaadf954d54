import { readFileSync } from 'node:fs';

/**
 * Whether a process of this machine that left a file behind (a lock, a
 * temporary file) is still there: its pid alive, and on Linux started when
 * it did, since pids are reused.
 */

/** Whether process `pid` of this machine is alive (one of another user counts: EPERM). */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The id of this boot of the machine (Linux), so a start time of before a restart does not count. */
let bootId: string | undefined;

/**
 * When process `pid` started, on Linux (the boot's id and the start time in
 * clock ticks, from /proc); undefined elsewhere or when it cannot be read.
 */
export function processStart(pid: number): string | undefined {
  try {
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces; the start time is field 22.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return ticks ? `${bootId}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}
