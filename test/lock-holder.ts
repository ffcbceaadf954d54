/**
 * Takes the lock of the incident file named on the command line, as `log`
 * does, prints `held`, and keeps it until a line arrives on stdin (then
 * releases it and exits) or the process is killed: tests use it to hold a
 * lock for as long as they need, and to leave one behind with SIGKILL.
 *
 * Usage: node --import tsx test/lock-holder.ts <file>
 */
import { lockIncidentFile } from '../src/authoring/file-lock.js';

const file = process.argv[2];
if (!file) throw new Error('usage: lock-holder.ts <file>');
const lock = await lockIncidentFile({ absolute: file, display: file });
if (!lock.ok) throw new Error(lock.message);
process.stdout.write('held\n');
const alive = setInterval(() => undefined, 60_000);
process.stdin.once('data', () => {
  void lock.release().then(() => {
    clearInterval(alive);
    process.stdout.write('released\n');
    process.stdin.destroy();
  });
});
