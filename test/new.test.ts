import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Prompts } from '../src/cli/prompts.js';
import { BIN, runBinary, runCli, tempDir } from './helpers.js';
import { runInPty } from './pty.js';

const NOW = '2026-11-25T13:03:27Z';

function emptyProject(config?: string): string {
  const dir = tempDir('postmortem-new-');
  if (config !== undefined) writeFileSync(join(dir, 'postmortem.config.yaml'), config);
  return dir;
}

function incidentFiles(dir: string): string[] {
  return existsSync(join(dir, 'incidents')) ? readdirSync(join(dir, 'incidents')).sort() : [];
}

function readIncident(dir: string, name: string): Record<string, unknown> {
  return parse(readFileSync(join(dir, 'incidents', name), 'utf8')) as Record<string, unknown>;
}

describe('new, with flags and no terminal', () => {
  it('writes a valid draft named by date and title, with an impact-start event now', async () => {
    const dir = emptyProject();
    const result = await runCli(
      ['new', 'Checkout errors: EU', '--severity', 'SEV2', '--services', 'checkout,payments', '--zone', 'Europe/Berlin'],
      dir,
      { POSTMORTEM_NOW: NOW },
    );
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.deepEqual(incidentFiles(dir), ['2026-11-25-checkout-errors-eu.yaml']);
    const text = readFileSync(join(dir, 'incidents', '2026-11-25-checkout-errors-eu.yaml'), 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=\S+incident\.schema\.json\n/);
    const data = readIncident(dir, '2026-11-25-checkout-errors-eu.yaml');
    assert.equal(data.id, '2026-11-25-checkout-errors-eu');
    assert.equal(data.title, 'Checkout errors: EU');
    assert.equal(data.status, 'draft');
    assert.equal(data.severity, 'SEV2');
    assert.equal(data.timezone, 'Europe/Berlin');
    assert.deepEqual(data.services, ['checkout', 'payments']);
    // 13:03:27Z is 14:03 in Berlin, to the minute.
    assert.deepEqual(data.timeline, [{ at: '2026-11-25 14:03', kind: 'impact-start', text: 'Impact began.' }]);
    for (const section of ['summary', 'impact', 'contributing_factors', 'lessons', 'action_items', 'links']) {
      assert.ok(section in data, `section ${section}`);
    }
    for (const guided of ['trigger', 'root_cause', 'detection', 'resolution', 'related']) assert.match(text, new RegExp(`^# ${guided}:`, 'm'));
    // A valid draft, whose two texts to write are reported until they are written.
    const validate = await runCli(['validate'], dir);
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stdout, /1 file: 1 ok, 0 invalid; 0 errors, 2 warnings/);
    const placeholders = [...validate.stdout.matchAll(/^incidents\/\S+\.yaml:(\d+):(\d+): warning: Unexpected placeholder `To be written` in `(summary|impact\.description)`.*\[placeholder-text\]$/gm)];
    assert.deepEqual(
      placeholders.map((match) => match[3]),
      ['summary', 'impact.description'],
      validate.stdout,
    );
    // Each at its words, inside the block scalar.
    const lines = text.split('\n');
    for (const [, line, column] of placeholders) assert.equal(lines[Number(line) - 1]!.slice(Number(column) - 1), 'To be written.');
    const check = await runCli(['fmt', '--check'], dir);
    assert.equal(check.code, 0, `a new file is in canonical form: ${check.stdout}`);
  });

  it('what new writes is placeholder text: an error once the incident is final, so build refuses it', async () => {
    const dir = emptyProject();
    const result = await runCli(['new', 'Checkout errors', '--severity', 'SEV2'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const file = join(dir, 'incidents', incidentFiles(dir)[0]!);
    const written = readFileSync(file, 'utf8');
    // Everything final needs, except the texts new wrote.
    writeFileSync(
      file,
      written
        .replace(/^status: draft/m, 'status: final')
        .replace(/^# root_cause: \|\n# {3}Why it happened\.$/m, 'root_cause: A cache node ran out of memory.')
        .replace(/^ {2}went_wrong: \[\]$/m, '  went_wrong: [Nothing alerted on cache memory.]')
        .replace(/^(timeline:\n(?:.*\n){3})/m, '$1  - at: 2026-11-25 13:30\n    kind: resolved\n    text: Cache node replaced.\n'),
    );
    const validate = await runCli(['validate'], dir);
    assert.equal(validate.code, 1, validate.stdout);
    assert.match(validate.stdout, /1 file: 0 ok, 1 invalid; 2 errors, 0 warnings/);
    assert.equal([...validate.stdout.matchAll(/error: Unexpected placeholder `To be written`.*\[placeholder-text\]$/gm)].length, 2, validate.stdout);
    const build = await runCli(['build'], dir);
    assert.equal(build.code, 1, build.stdout + build.stderr);
    assert.equal(existsSync(join(dir, 'postmortems')) ? readdirSync(join(dir, 'postmortems')).filter((name) => name.endsWith('.md')).length : 0, 0);
  });

  it('uses --started, read in the zone, and dates the id by the start in that zone', async () => {
    const dir = emptyProject('timezone: Pacific/Auckland\n');
    const result = await runCli(['new', 'Late night', '--severity', 'SEV3', '--started', '2026-11-25T23:30:00Z'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(result.code, 0, result.stderr);
    // 23:30Z on the 25th is the 26th in Auckland.
    assert.deepEqual(incidentFiles(dir), ['2026-11-26-late-night.yaml']);
    const data = readIncident(dir, '2026-11-26-late-night.yaml');
    assert.equal(data.timezone, 'Pacific/Auckland');
    assert.equal((data.timeline as { at: string }[])[0]!.at, '2026-11-25T23:30:00Z');
  });

  it('refuses a zone abbreviation or alias, with the canonical zones it may mean, and writes nothing', async () => {
    const dir = emptyProject();
    const abbreviation = await runCli(['new', 'Late night', '--severity', 'SEV3', '--zone', 'PST'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(abbreviation.code, 2);
    assert.match(abbreviation.stderr, /--timezone: Unexpected time zone abbreviation `PST`, expected a canonical IANA zone\. Did you mean one of `America\/Los_Angeles`, `America\/Vancouver`\?/);
    const alias = await runCli(['new', 'Late night', '--severity', 'SEV3', '--zone', 'US/Pacific'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(alias.code, 2);
    assert.match(alias.stderr, /Did you mean `America\/Los_Angeles`\?/);
    assert.deepEqual(incidentFiles(dir), []);
    const configured = emptyProject('timezone: EST\n');
    const validate = await runCli(['validate'], configured);
    assert.equal(validate.code, 1, validate.stdout + validate.stderr);
    assert.match(validate.stdout + validate.stderr, /postmortem\.config\.yaml:1:11: error: Unexpected time zone abbreviation `EST`/);
    const beside = emptyProject('display_zones: [UTC, PST]\n');
    const shown = await runCli(['validate'], beside);
    assert.equal(shown.code, 1, shown.stdout + shown.stderr);
    assert.match(shown.stdout + shown.stderr, /postmortem\.config\.yaml:1:22: error: Unexpected time zone abbreviation `PST`/);
  });

  it('never reuses an id: same title and day gets -2, -3; a file whose id differs from its name still counts', async () => {
    const dir = emptyProject();
    for (let n = 0; n < 3; n += 1) {
      const result = await runCli(['new', 'Disk full', '--severity', 'SEV4'], dir, { POSTMORTEM_NOW: NOW });
      assert.equal(result.code, 0, result.stderr);
    }
    assert.deepEqual(incidentFiles(dir), ['2026-11-25-disk-full-2.yaml', '2026-11-25-disk-full-3.yaml', '2026-11-25-disk-full.yaml']);
    const ids = incidentFiles(dir).map((name) => readIncident(dir, name).id);
    assert.equal(new Set(ids).size, 3);
    writeFileSync(join(dir, 'incidents', 'renamed.yaml'), 'id: 2026-11-25-queue-stuck\n');
    await runCli(['new', 'Queue stuck', '--severity', 'SEV4'], dir, { POSTMORTEM_NOW: NOW });
    assert.ok(incidentFiles(dir).includes('2026-11-25-queue-stuck-2.yaml'));
    const all = await runCli(['validate', 'incidents/2026-11-25-disk-full.yaml', 'incidents/2026-11-25-disk-full-2.yaml', 'incidents/2026-11-25-disk-full-3.yaml'], dir);
    assert.equal(all.code, 0, all.stdout);
  });

  it('quotes titles YAML would misread, and transliterates them for the id', async () => {
    const dir = emptyProject();
    const title = "Größe #1: 'no' & *all* fail";
    const result = await runCli(['new', title, '--severity', 'SEV1'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(result.code, 0, result.stderr);
    const [name] = incidentFiles(dir);
    assert.equal(name, '2026-11-25-groesse-1-no-and-all-fail.yaml');
    assert.equal(readIncident(dir, name!).title, title);
    // Capitals inside a word do not cut it: "GitHub" is not `git-hub`, nor "Æble" (AEble) `a-eble`.
    for (const [other, id] of [['GitHub Actions down', 'github-actions-down'], ['Æble iOS app', 'aeble-ios-app']]) {
      const more = await runCli(['new', other!, '--severity', 'SEV3'], dir, { POSTMORTEM_NOW: NOW });
      assert.equal(more.code, 0, more.stderr);
      assert.ok(incidentFiles(dir).includes(`2026-11-25-${id}.yaml`), incidentFiles(dir).join(', '));
    }
  });

  it('fails clearly on what is missing, without waiting for input, and writes nothing', async () => {
    const dir = emptyProject();
    const none = await runCli(['new'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /missing a title and --severity, and there is no terminal to ask on/);
    const noSeverity = await runCli(['new', 'Something'], dir, { POSTMORTEM_NOW: NOW });
    assert.match(noSeverity.stderr, /missing --severity/);
    const badSeverity = await runCli(['new', 'Something', '--severity', 'sev2'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(badSeverity.code, 2);
    assert.match(badSeverity.stderr, /`sev2` is not a configured severity; did you mean `SEV2`\?/);
    const badZone = await runCli(['new', 'Something', '--severity', 'SEV2', '--zone', 'Mars/Olympus'], dir, { POSTMORTEM_NOW: NOW });
    assert.match(badZone.stderr, /--timezone: Unknown time zone `Mars\/Olympus`\. Use an IANA zone name such as `UTC`/);
    const gap = await runCli(['new', 'Something', '--severity', 'SEV2', '--zone', 'Europe/Berlin', '--started', '2026-03-29 02:30'], dir, {
      POSTMORTEM_NOW: NOW,
    });
    assert.equal(gap.code, 2);
    assert.match(gap.stderr, /--started: Nonexistent time/);
    // A clock without an offset would stamp another time on each machine's zone.
    for (const local of ['2026-11-25T13:03:27', '2026-11-25', 'now']) {
      const unfixed = await runCli(['new', 'Something', '--severity', 'SEV2'], dir, { POSTMORTEM_NOW: local });
      assert.equal(unfixed.code, 2, local);
      assert.match(unfixed.stderr, /^postmortem: POSTMORTEM_NOW must be an instant with its offset, such as 2026-11-25T14:03:00Z or 2026-11-25T15:03:00\+01:00, not `/);
    }
    assert.deepEqual(incidentFiles(dir), []);
    const offset = await runCli(['new', 'Something', '--severity', 'SEV2'], dir, { POSTMORTEM_NOW: '2026-11-25T14:03:27+01:00' });
    assert.equal(offset.code, 0, offset.stderr);
    assert.match(readFileSync(join(dir, 'incidents', incidentFiles(dir)[0]!), 'utf8'), /- at: 2026-11-25 13:03\n/);
  });

  it('as a real process with no stdin, even when CI is unset', () => {
    const dir = emptyProject();
    const missing = runBinary(['new', 'No severity'], dir, { POSTMORTEM_NOW: NOW });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing --severity/);
    const ok = runBinary(['new', 'From a script', '--severity', 'SEV3', '--services', 'api', '--services', 'web'], dir, {
      POSTMORTEM_NOW: NOW,
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^created incidents\/2026-11-25-from-a-script\.yaml /);
    assert.deepEqual(readIncident(dir, '2026-11-25-from-a-script.yaml').services, ['api', 'web']);
  });
});

/**
 * Answers the questions as a person at a terminal would, in order (`undefined`
 * cancels), and keeps what was shown: a refused answer shows its problem and
 * the question is asked again, as on a terminal.
 */
function scriptedPrompts(answers: (string | undefined)[]): { prompts: Prompts; shown: string[] } {
  const shown: string[] = [];
  const next = (): string | undefined => {
    assert.ok(answers.length > 0, `asked more than the script answers: ${shown.join(' | ')}`);
    return answers.shift();
  };
  const prompts: Prompts = {
    intro: async (title) => void shown.push(`intro: ${title}`),
    text: async ({ message, validate }) => {
      shown.push(`text: ${message}`);
      for (;;) {
        const answer = next();
        const problem = answer === undefined ? undefined : validate?.(answer);
        if (problem === undefined) return answer;
        shown.push(`refused: ${problem}`);
      }
    },
    select: async ({ message, options }) => {
      shown.push(`select: ${message}: ${options.map((option) => `${option.label} (${option.hint})`).join(', ')}`);
      return next();
    },
    cancel: async (message) => void shown.push(`cancel: ${message}`),
    outro: async (message) => void shown.push(`outro: ${message}`),
  };
  return { prompts, shown };
}

/** Both ends a terminal, answering from the script. */
const atTerminal = (prompts: Prompts) => ({ stdinIsTTY: true, stdoutIsTTY: true, prompts });

describe('new, at a terminal', () => {
  it('asks for the title, severity and services, as a person answers them', async () => {
    const dir = emptyProject();
    const { prompts, shown } = scriptedPrompts(['Checkout errors in EU', 'SEV2', 'checkout, payments']);
    const run = await runCli(['new'], dir, { POSTMORTEM_NOW: NOW }, atTerminal(prompts));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /created incidents\/2026-11-25-checkout-errors-in-eu\.yaml/);
    // The levels are listed with their meaning.
    assert.match(shown.find((line) => line.startsWith('select: Severity'))!, /SEV1 \(Critical[\s\S]*SEV4/);
    assert.deepEqual(
      shown.map((line) => line.replace(/: .*/s, '')),
      ['intro', 'text', 'select', 'text', 'outro'],
    );
    const data = readIncident(dir, '2026-11-25-checkout-errors-in-eu.yaml');
    assert.equal(data.title, 'Checkout errors in EU');
    assert.equal(data.severity, 'SEV2');
    assert.deepEqual(data.services, ['checkout', 'payments']);
  });

  it('asks only for what the flags left out, and refuses an empty title', async () => {
    const dir = emptyProject();
    const { prompts, shown } = scriptedPrompts(['', 'Search is slow']);
    const run = await runCli(['new', '--severity', 'SEV3', '--services', 'search'], dir, { POSTMORTEM_NOW: NOW }, atTerminal(prompts));
    assert.equal(run.code, 0, run.stderr);
    assert.ok(shown.includes('refused: The title cannot be empty.'), shown.join(' | '));
    assert.ok(!shown.some((line) => /Severity|services/.test(line)), shown.join(' | '));
    const data = readIncident(dir, '2026-11-25-search-is-slow.yaml');
    assert.equal(data.severity, 'SEV3');
    assert.deepEqual(data.services, ['search']);
  });

  it('writes nothing when cancelled', async () => {
    const dir = emptyProject();
    const { prompts, shown } = scriptedPrompts([undefined]);
    const run = await runCli(['new'], dir, { POSTMORTEM_NOW: NOW }, atTerminal(prompts));
    // As a shell reports a program Ctrl-C stopped: not 1, which says some input was invalid.
    assert.equal(run.code, 130);
    assert.match(run.stderr, /nothing was written/);
    assert.ok(shown.includes('cancel: Cancelled'), shown.join(' | '));
    assert.deepEqual(incidentFiles(dir), []);
  });

  it('never prompts in CI, even at a terminal', async () => {
    const dir = emptyProject();
    const { prompts, shown } = scriptedPrompts([]);
    const run = await runCli(['new'], dir, { POSTMORTEM_NOW: NOW, CI: 'true' }, atTerminal(prompts));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no terminal to ask on/);
    assert.deepEqual(shown, []);
  });
});

describe('new, at a real terminal', () => {
  const env = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', TERM: 'xterm', POSTMORTEM_NOW: NOW, HOME: tmpdir() });

  it('asks for the title, severity and services, as a person answers them', async () => {
    const dir = emptyProject();
    const run = await runInPty(process.execPath, [BIN, 'new'], { cwd: dir, env: env() }, [
      { expect: /Title/, send: 'Checkout errors in EU\r' },
      // The levels are listed with their meaning; one step down is SEV2.
      { expect: /SEV1[\s\S]*Critical[\s\S]*SEV4/, send: '\u001b[B' },
      { expect: /SEV2/, send: '\r' },
      { expect: /services/, send: 'checkout, payments\r' },
    ]);
    assert.equal(run.exitCode, 0, run.screen);
    assert.match(run.screen, /created incidents\/2026-11-25-checkout-errors-in-eu\.yaml/);
    const data = readIncident(dir, '2026-11-25-checkout-errors-in-eu.yaml');
    assert.equal(data.title, 'Checkout errors in EU');
    assert.equal(data.severity, 'SEV2');
    assert.deepEqual(data.services, ['checkout', 'payments']);
  });

  it('writes nothing when cancelled with Ctrl-C', async () => {
    const dir = emptyProject();
    const run = await runInPty(process.execPath, [BIN, 'new'], { cwd: dir, env: env() }, [{ expect: /Title/, send: '\u0003' }]);
    assert.equal(run.exitCode, 130, run.screen);
    assert.match(run.screen, /nothing was written/);
    assert.deepEqual(incidentFiles(dir), []);
  });
});

describe('new: a short id, and how to refer to the incident', () => {
  it('names the shortest part of the id no other incident has, and that part names it', async () => {
    const dir = emptyProject();
    const env = { POSTMORTEM_NOW: NOW };
    assert.equal((await runCli(['new', 'Checkout latency', '--severity', 'SEV3', '--started', '2026-11-20 10:00'], dir, env)).code, 0);
    const result = await runCli(['new', 'Checkout errors', '--severity', 'SEV2', '--zone', 'UTC'], dir, env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'created incidents/2026-11-25-checkout-errors.yaml (impact started 2026-11-25 13:03, UTC)\n' +
        "Call it `errors` (any part of its id that no other incident's has), or @latest while it is the newest unresolved incident.\n" +
        'Log what happens as it happens:  postmortem log errors "what happened" [--kind detected] [--at 14:05]\n' +
        'Fix or take back the last event: postmortem amend errors --text "..."  or  postmortem undo errors\n' +
        'When it is over:                 postmortem resolve errors\n' +
        'Or name it once for this shell:  export POSTMORTEM_INCIDENT=2026-11-25-checkout-errors\n',
    );
    const logged = await runCli(['log', 'errors', 'Alert fires.', '--at', '13:05'], dir, env);
    assert.equal(logged.code, 0, logged.stderr);
    assert.match(logged.stdout, /in incidents\/2026-11-25-checkout-errors\.yaml:/);
    const latest = await runCli(['log', '@latest', 'Paged.', '--at', '13:06'], dir, env);
    assert.match(latest.stdout, /in incidents\/2026-11-25-checkout-errors\.yaml:/);
  });

  it('--id sets the id and the file name; one that is taken or malformed is refused, writing nothing', async () => {
    const dir = emptyProject();
    const env = { POSTMORTEM_NOW: NOW };
    const result = await runCli(['new', 'CDN edge errors', '--severity', 'SEV2', '--id', 'cdn'], dir, env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^created incidents\/cdn\.yaml .*\nCall it `cdn`, or @latest/);
    assert.match(result.stdout, /^Log what happens as it happens: {2}postmortem log cdn /m);
    assert.equal(readIncident(dir, 'cdn.yaml').id, 'cdn');
    // Run by npx (a dev dependency, not on the PATH), it suggests what works there.
    const npx = await runCli(['new', 'CDN again', '--severity', 'SEV2', '--id', 'cdn-again'], emptyProject(), { ...env, npm_command: 'exec' });
    assert.match(npx.stdout, /^Log what happens as it happens: {2}npx postmortem log cdn /m);
    assert.match(npx.stdout, /^When it is over: {17}npx postmortem resolve cdn$/m);
    assert.equal((await runCli(['validate'], dir)).code, 0);
    const taken = await runCli(['new', 'Again', '--severity', 'SEV2', '--id', 'cdn'], dir, env);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /^postmortem: --id: `cdn` is taken: an incident file in incidents\/ has that name or id\./);
    const malformed = await runCli(['new', 'Again', '--severity', 'SEV2', '--id', 'CDN!'], dir, env);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /^postmortem: --id: Unexpected id `CDN!`\. An id is lowercase letters/);
    assert.deepEqual(incidentFiles(dir), ['cdn.yaml']);
  });
});
