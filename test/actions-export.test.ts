import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { lint } from 'markdownlint/promise';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../src/config/config.js';
import { markdownProcessor } from '../src/render/markdown/processor.js';
import type { ListedAction } from '../src/report/action-list.js';
import { ACTION_LIST_COLUMNS } from '../src/report/action-list.js';
import { ACTION_COLUMNS, EVENT_COLUMNS, type ExportColumn, type ExportValue, incidentColumns, snakeCase } from '../src/report/export-rows.js';
import { type CliRun, FIXTURES, ROOT, RUNNERS, runCli, tempDir } from './helpers.js';

/**
 * `actions` and `export` over a small project whose text is as awkward as we
 * could make it: commas, double quotes, line breaks (LF, CRLF and a lone
 * CR), `|`, Markdown and HTML, spreadsheet formulas, text outside ASCII.
 * Everything is counted to a fixed `--as-of`, so nothing reads the clock.
 */
const PROJECT = join(FIXTURES, 'actions-export', 'project');
const AS_OF = '2026-03-01';
const AWKWARD = '2026-01-10-awkward-text';
const ONGOING = '2026-02-01-ongoing';

/** markdownlint as the postmortem tests run it (test/render.test.ts): default rules, less line length. */
const LINT_CONFIG = { default: true, MD013: false } as const;

/** A fresh copy of the project, so `--out` can write into it. */
function project(): string {
  const dir = tempDir('postmortem-actions-export-');
  cpSync(PROJECT, dir, { recursive: true });
  return dir;
}


type Row = Record<string, ExportValue>;

/** The columns of each export of this project (its configuration adds two figures). */
async function columnsOf(what: string): Promise<ExportColumn[]> {
  if (what === 'events') return [...EVENT_COLUMNS];
  if (what === 'actions') return [...ACTION_COLUMNS];
  const { config } = await loadConfig(PROJECT);
  return incidentColumns(config.figures);
}

/**
 * A CSV export read back with a real CSV parser, each field converted by its
 * column's type as docs/reports.md says: empty is `null`, numbers and booleans
 * are parsed, everything else is the string as written.
 */
function readCsv(text: string, columns: readonly ExportColumn[]): { header: string[]; rows: Row[] } {
  const [header] = parse(text, { to_line: 1 }) as string[][];
  const records = parse(text, { columns: true }) as Record<string, string>[];
  const rows = records.map((record) =>
    Object.fromEntries(
      columns.map(({ name, type }): [string, ExportValue] => {
        const field = record[name];
        assert.ok(field !== undefined, `column ${name} is missing`);
        if (field === '') return [name, null];
        if (type === 'number') return [name, Number(field)];
        if (type === 'boolean') {
          assert.ok(field === 'true' || field === 'false', `${name}: ${field}`);
          return [name, field === 'true'];
        }
        return [name, field];
      }),
    ),
  );
  return { header: header ?? [], rows };
}

/** OWASP's CSV-injection list: a cell starting with one of these is run as a formula by spreadsheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The rows as a default CSV holds them: each text cell a spreadsheet would run gets a `'` in front. */
function neutralised(rows: readonly Row[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value])),
  );
}

function ok(result: CliRun, code = 0): CliRun {
  assert.equal(result.code, code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  return result;
}

for (const { how, run, it, itEveryWay } of RUNNERS) {
  describe(`export: CSV read back equals the JSON export (${how})`, () => {
    for (const what of ['incidents', 'events', 'actions'] as const) {
      // Events hold the line breaks (LF, CRLF, a lone CR): the ones a real process also writes.
      (what === 'events' ? itEveryWay : it)(`--what ${what}: json, ndjson and csv --raw-csv hold the same rows; csv neutralises formulas`, async () => {
        const dir = project();
        const base = ['export', '--what', what, '--as-of', AS_OF];
        const json = ok(await run([...base, '--format', 'json'], dir));
        const ndjson = ok(await run([...base, '--format', 'ndjson'], dir));
        const csv = ok(await run([...base, '--format', 'csv', '--raw-csv'], dir));
        const safeCsv = ok(await run([...base, '--format', 'csv'], dir));
        for (const result of [json, ndjson, csv, safeCsv]) assert.equal(result.stderr, '');
        // --raw-csv changes only the CSV: the JSON forms are always exact.
        assert.equal(ok(await run([...base, '--format', 'json', '--raw-csv'], dir)).stdout, json.stdout);

        const rows = JSON.parse(json.stdout) as Row[];
        assert.ok(rows.length >= 2, `${what}: some rows`);
        assert.equal(json.stdout, `${JSON.stringify(rows, null, 2)}\n`, 'pretty-printed with 2 spaces');

        const columns = await columnsOf(what);
        const names = columns.map((c) => c.name);
        for (const row of rows) assert.deepEqual(Object.keys(row), names, 'JSON rows are flat, keys in column order');

        const lines = ndjson.stdout.split('\n');
        assert.equal(lines.pop(), '', 'every line ends with a newline');
        assert.deepEqual(
          lines.map((line) => JSON.parse(line) as Row),
          rows,
        );
        assert.ok(
          lines.every((line) => !line.includes('\n') && line === JSON.stringify(JSON.parse(line))),
          'one compact object per line',
        );

        const read = readCsv(csv.stdout, columns);
        assert.deepEqual(read.header, names);
        assert.deepEqual(read.rows, rows);

        const safe = readCsv(safeCsv.stdout, columns);
        assert.deepEqual(safe.header, names);
        assert.deepEqual(safe.rows, neutralised(rows));
        assert.notDeepEqual(safe.rows, rows, 'the fixture has formula-like text in every export');
        // OWASP: the quote goes inside a quoted cell.
        for (const row of safe.rows) {
          for (const value of Object.values(row)) {
            if (typeof value === 'string' && value.startsWith("'")) assert.ok(safeCsv.stdout.includes(`"${value.replaceAll('"', '""')}"`), value);
          }
        }
      });
    }
  });
}

describe('export: the values', () => {
  async function exported(what: string, ...more: string[]): Promise<Row[]> {
    return JSON.parse(ok(await runCli(['export', '--what', what, '--as-of', AS_OF, ...more], PROJECT)).stdout) as Row[];
  }

  it('incidents: text as written, lists joined with "; ", figures by snake_case name, budget rounded', async () => {
    const rows = await exported('incidents');
    assert.deepEqual(
      rows.map((r) => r.id),
      [AWKWARD, ONGOING],
      'by impact start',
    );
    const [awkward, ongoing] = rows as [Row, Row];
    assert.equal(awkward.title, 'Checkout "down", then | *up* <b>again</b> — café ✓');
    assert.equal(awkward.services, 'pay, ments; edge');
    assert.equal(awkward.tags, "=cmd|' /C calc'!A0; +1; -dash; @at", 'formula-like text is not altered');
    assert.equal(ongoing.regions, null, 'an empty list is null');
    assert.deepEqual([awkward.type, ongoing.type], ['incident', 'incident']);
    assert.deepEqual([awkward.related, ongoing.related], [null, AWKWARD]);
    assert.equal(awkward.start, '2026-01-10T09:00:00+05:30');
    assert.equal(awkward.start_date, '2026-01-10');
    assert.equal(awkward.resolved, '2026-01-10T10:15:00+05:30');
    assert.deepEqual([awkward.ongoing, ongoing.ongoing, ongoing.resolved, ongoing.resolved_approximate], [false, true, null, null]);

    assert.deepEqual([awkward.duration_seconds, awkward.duration_approximate, awkward.duration_state], [4500, false, 'known']);
    assert.deepEqual([awkward.time_to_detect_seconds, awkward.time_to_detect_approximate], [450, true]);
    assert.deepEqual([ongoing.duration_seconds, ongoing.duration_approximate, ongoing.duration_state], [null, null, 'ongoing']);
    // Added in the configuration: `Zeit bis Lösung (P1)`, and `time-to-detect`, whose name clashes with `time to detect`.
    assert.deepEqual([awkward.zeit_bis_losung_p1_seconds, awkward.zeit_bis_losung_p1_state], [4050, 'known']);
    assert.deepEqual([awkward.time_to_detect_2_seconds, awkward.time_to_detect_2_state], [600, 'known']);

    assert.equal(awkward.slo, 'Checkout availability, "99.95"');
    assert.equal(awkward.error_budget_minutes, 21.6, '30 × 1440 × 0.05% without floating-point noise');
    assert.equal(awkward.error_budget_consumed_minutes, 30);
    assert.equal(awkward.error_budget_consumed_share, 1.388889);
    assert.equal(awkward.error_budget_approximate, false);
    assert.deepEqual(
      [ongoing.error_budget_minutes, ongoing.error_budget_consumed_minutes, ongoing.error_budget_consumed_share, ongoing.error_budget_approximate],
      [40.32, null, null, null],
    );

    assert.deepEqual(
      [awkward.actions, awkward.actions_open, awkward.actions_in_progress, awkward.actions_done, awkward.actions_wont_do, awkward.actions_overdue],
      [5, 2, 1, 1, 1, 1],
    );
    assert.equal(ongoing.actions_overdue, 1);
    assert.equal(awkward.file, `incidents/${AWKWARD}.yaml`);
  });

  it('events: every event in time order, text as written (line breaks included), links joined', async () => {
    const rows = await exported('events');
    assert.equal(rows.length, 8);
    const first = rows[0]!;
    assert.deepEqual(
      [first.incident, first.index, first.at, first.at_date, first.approximate, first.kind, first.milestone, first.by],
      [AWKWARD, 0, '2026-01-10T09:00:00+05:30', '2026-01-10', false, 'impact-start', true, null],
    );
    assert.equal(first.text, 'Checkout errors start, "everywhere", at once.\nSecond line, with a comma.');
    const detected = rows[1]!;
    assert.equal(detected.text, '=SUM(A1:A9) alert fires');
    assert.equal(detected.by, 'Pager, "primary"');
    assert.equal(detected.approximate, true);
    assert.equal(detected.links, 'https://dashboards.example.com/checkout?from=now-1h&to=now; https://status.example.com/incidents/42');
    assert.equal(rows[2]!.text, '+1 on the call\r\nand a CRLF line');
    assert.equal(rows[2]!.by, 'Zoë Ôkafor');
    assert.equal(rows[3]!.text, '- a list item | with a pipe\n- @here <script>alert(1)</script>');
    assert.equal(rows[3]!.milestone, false);
    assert.equal(rows[7]!.text, 'Alert,\rafter a lone carriage return.');
  });

  it('actions: every item, overdue against --as-of', async () => {
    const rows = await exported('actions');
    assert.deepEqual(
      rows.map((r) => [r.incident, r.index, r.status, r.due, r.overdue, r.days_overdue]),
      [
        [AWKWARD, 0, 'open', '2026-02-28', true, 1], // due the day before: 1 day overdue
        [AWKWARD, 1, 'in-progress', '2026-03-01', false, null], // due that day: not overdue yet
        [AWKWARD, 2, 'done', '2025-01-01', false, null], // done: never overdue
        [AWKWARD, 3, 'wont-do', '2025-01-01', false, null], // won't do: never overdue
        [AWKWARD, 4, 'open', null, false, null], // no due date
        [ONGOING, 0, 'open', '2026-02-19', true, 10],
      ],
    );
    assert.equal(rows[0]!.title, '=HYPERLINK("https://evil.example.com","click")');
    assert.equal(rows[0]!.owner, 'Ana, "the fixer"');
    assert.equal(rows[1]!.title, 'Fix | the *pipeline* <b>now</b>,\nthen "verify"');
    assert.deepEqual([rows[2]!.type, rows[2]!.priority, rows[2]!.ticket], [null, null, null]);
  });

  it('--since, --until, --severity, --service, --tag, --status choose the incidents of every export', async () => {
    const ids = async (...filters: string[]) => (await exported('incidents', ...filters)).map((r) => r.id);
    assert.deepEqual(await ids('--since', '2026-01-11'), [ONGOING]);
    assert.deepEqual(await ids('--until', '2026-01-10'), [AWKWARD]);
    assert.deepEqual(await ids('--severity', 'SEV1'), [ONGOING]);
    assert.deepEqual(await ids('--service', 'pay, ments'), [AWKWARD]);
    assert.deepEqual(await ids('--tag', '+1'), [AWKWARD]);
    assert.deepEqual(await ids('--status', 'draft'), [ONGOING]);
    assert.deepEqual(
      (await exported('actions', '--severity', 'SEV1')).map((r) => r.incident),
      [ONGOING],
    );
    assert.deepEqual(new Set((await exported('events', '--status', 'final')).map((r) => r.incident)), new Set([AWKWARD]));
  });

  it('no rows: an empty array, nothing, or the header alone', async () => {
    const none = ['export', '--what', 'actions', '--as-of', AS_OF, '--since', '2030-01-01'];
    assert.equal(ok(await runCli([...none, '--format', 'json'], PROJECT)).stdout, '[]\n');
    assert.equal(ok(await runCli([...none, '--format', 'ndjson'], PROJECT)).stdout, '');
    assert.equal(ok(await runCli([...none, '--format', 'csv'], PROJECT)).stdout, `${ACTION_COLUMNS.map((c) => c.name).join(',')}\n`);
  });

  it('a date that is not one is a usage error (exit 2)', async () => {
    const result = ok(await runCli(['export', '--since', '2026-02-30'], PROJECT), 2);
    assert.match(result.stderr, /^postmortem: --since `2026-02-30`: 2026-02 has no day 30; write a day as YYYY-MM-DD\n$/);
    assert.equal(result.stdout, '');
    ok(await runCli(['export', '--as-of', 'tomorrow'], PROJECT), 2);
  });

  it('figure names become stable snake_case column names', () => {
    assert.equal(snakeCase('time to detect'), 'time_to_detect');
    assert.equal(snakeCase('Zeit bis Lösung (P1)'), 'zeit_bis_losung_p1');
    assert.equal(snakeCase('  MTTR -- p90 '), 'mttr_p90');
    assert.equal(snakeCase('90th percentile'), 'figure_90th_percentile');
    assert.equal(snakeCase('検出'), 'figure');
  });
});

describe('actions', () => {
  async function listed(...more: string[]): Promise<{ asOf: string; actions: ListedAction[] }> {
    return JSON.parse(ok(await runCli(['actions', '--as-of', AS_OF, '--format', 'json', ...more], PROJECT)).stdout) as {
      asOf: string;
      actions: ListedAction[];
    };
  }
  const keys = (actions: ListedAction[]) => actions.map((a) => `${a.incident}#${a.index}`);

  it('--format json: { asOf, actions }, overdue first (most days first), then by incident start and position', async () => {
    const { asOf, actions } = await listed();
    assert.equal(asOf, AS_OF);
    assert.deepEqual(keys(actions), [`${ONGOING}#0`, `${AWKWARD}#0`, `${AWKWARD}#1`, `${AWKWARD}#2`, `${AWKWARD}#3`, `${AWKWARD}#4`]);
    assert.deepEqual(actions[0], {
      incident: ONGOING,
      incidentTitle: 'Search latency',
      incidentDate: '2026-02-01',
      index: 0,
      title: 'Add an index',
      owner: 'routing team',
      type: 'mitigate',
      priority: 'P0',
      status: 'open',
      due: '2026-02-19',
      ticket: 'https://tracker.example.com/browse/SRCH-9',
      overdue: true,
      daysOverdue: 10,
      ageDays: 28,
    });
    assert.deepEqual(
      actions.map((a) => [a.overdue, a.daysOverdue]),
      [
        [true, 10],
        [true, 1],
        [false, null],
        [false, null],
        [false, null],
        [false, null],
      ],
    );
    assert.equal(actions[1]!.ageDays, 50);
  });

  it('--owner matches whole names exactly, case included; several mean any of them', async () => {
    assert.deepEqual(keys((await listed('--owner', 'Routing team')).actions), [`${AWKWARD}#1`, `${AWKWARD}#2`]);
    assert.deepEqual(keys((await listed('--owner', 'routing team')).actions), [`${ONGOING}#0`]);
    assert.deepEqual(keys((await listed('--owner', 'Routing team', '--owner', 'Ana, "the fixer"')).actions), [
      `${AWKWARD}#0`,
      `${AWKWARD}#1`,
      `${AWKWARD}#2`,
      `${AWKWARD}#3`,
    ]);
    assert.deepEqual((await listed('--owner', 'Routing')).actions, []);
  });

  it('--status and --overdue', async () => {
    assert.deepEqual(keys((await listed('--status', 'done', 'wont-do')).actions), [`${AWKWARD}#2`, `${AWKWARD}#3`]);
    assert.deepEqual(keys((await listed('--overdue')).actions), [`${ONGOING}#0`, `${AWKWARD}#0`]);
    assert.deepEqual(keys((await listed('--overdue', '--owner', 'Routing team')).actions), []);
    assert.deepEqual(keys((await listed('--overdue', '--status', 'in-progress')).actions), []);
  });

  it('--format csv: one row per listed item, read back with a CSV parser; formulas neutralised unless --raw-csv', async () => {
    const { actions } = await listed();
    const expected = actions.map((a) => [a.incident, String(a.index), a.title, a.owner, String(a.overdue), a.daysOverdue === null ? '' : String(a.daysOverdue), String(a.ageDays), a.ticket ?? '']);
    const read = (csv: string) => {
      const records = parse(csv, { columns: true }) as Record<string, string>[];
      assert.deepEqual(Object.keys(records[0]!), [...ACTION_LIST_COLUMNS]);
      return records.map((r) => [r.incident, r.index, r.title, r.owner, r.overdue, r.days_overdue, r.age_days, r.ticket]);
    };
    const raw = ok(await runCli(['actions', '--as-of', AS_OF, '--format', 'csv', '--raw-csv'], PROJECT)).stdout;
    assert.deepEqual(read(raw), expected);
    assert.match(raw, /,"=HYPERLINK\(""https:/m);

    const safe = ok(await runCli(['actions', '--as-of', AS_OF, '--format', 'csv'], PROJECT)).stdout;
    assert.deepEqual(
      read(safe),
      expected.map((row) => row.map((cell) => (FORMULA_START.test(cell) ? `'${cell}` : cell))),
    );
    assert.match(safe, /,"'=HYPERLINK\(""https:/m);
  });

  for (const { how, run, itEveryWay } of RUNNERS) {
    itEveryWay(`--fail-on-overdue: exit 1 while any listed item is overdue, the list printed all the same (${how})`, async () => {
      const failed = ok(await run(['actions', '--as-of', AS_OF, '--fail-on-overdue'], PROJECT), 1);
      assert.match(failed.stdout, /^# Action items\n/);
      assert.match(failed.stdout, /\n6 action items: 2 overdue as of 2026-03-01\.\n$/);
      assert.equal(failed.stderr, '2 overdue action items as of 2026-03-01\n');

      // A month earlier nothing was due yet; done and won't-do items long past due never count.
      const early = ok(await run(['actions', '--as-of', '2026-02-01', '--fail-on-overdue'], PROJECT), 0);
      assert.match(early.stdout, /\n6 action items: 0 overdue as of 2026-02-01\.\n$/);
      assert.equal(early.stderr, '');

      // Only the listed items count.
      ok(await run(['actions', '--as-of', AS_OF, '--fail-on-overdue', '--owner', 'Routing team'], PROJECT), 0);
      const one = ok(await run(['actions', '--as-of', AS_OF, '--fail-on-overdue', '--owner', 'routing team', '--format', 'csv'], PROJECT), 1);
      assert.equal(one.stderr, '1 overdue action item as of 2026-03-01\n');
      // Without the flag, overdue items do not change the exit code.
      ok(await run(['actions', '--as-of', AS_OF], PROJECT), 0);
    });
  }

  it('--format md: a table that keeps incident text literal and passes markdownlint', async () => {
    const md = ok(await runCli(['actions', '--as-of', AS_OF], PROJECT)).stdout;
    const results = await lint({ strings: { 'actions.md': md }, config: LINT_CONFIG });
    assert.deepEqual(
      results['actions.md']?.map((e) => `${e.lineNumber} ${e.ruleNames.join('/')} ${e.ruleDescription}`),
      [],
    );

    const tree = markdownProcessor.parse(md);
    const table = tree.children.find((node): node is Table => node.type === 'table');
    assert.ok(table, 'a table');
    const [header, ...rows] = table.children.map((row) => row.children.map((cell) => toString(cell)));
    assert.deepEqual(header, ['Incident', 'Action', 'Owner', 'Type', 'Priority', 'Status', 'Due', 'Overdue', 'Ticket']);
    assert.equal(rows.length, 6);
    assert.deepEqual(rows[0], [ONGOING, 'Add an index', 'routing team', 'mitigate', 'P0', 'open', '2026-02-19', '10 days', 'SRCH-9']);
    assert.deepEqual(rows[1], [AWKWARD, '=HYPERLINK("https://evil.example.com","click")', 'Ana, "the fixer"', 'prevent', 'P1', 'open', '2026-02-28', '1 day', 'OPS-1']);
    // `|`, `*…*` and `<b>` stay text; the line break becomes a space in a table cell.
    assert.deepEqual(rows[2], [AWKWARD, 'Fix | the *pipeline* <b>now</b>, then "verify"', 'Routing team', 'detect', 'P2', 'in-progress', '2026-03-01', '—', '—']);
    assert.ok(!md.includes('<b>now</b>'), 'no raw HTML reaches the output');
    // Text that GitHub would link on its own (URLs, www., e-mail addresses) stays text.
    assert.equal(rows[5]![2], 'obs@example.com (see www.example.com)');
    assert.match(md, /=HYPERLINK\("https\\:\/\/evil\.example\.com","click"\)/);

    // Links: the incident's postmortem relative to the working directory, the ticket as written.
    assert.match(md, /\| \[2026-02-01-ongoing\]\(postmortems\/2026-02-01-ongoing\.md\) \|/);
    assert.match(md, /\[OPS-1\]\(https:\/\/tracker\.example\.com\/browse\/OPS-1\)/);
  });

  it('--as-of before an incident started: its items are left out and counted, and no age is negative', async () => {
    // The ongoing incident started on 2026-02-01; the awkward one on 2026-01-10.
    const before = JSON.parse(ok(await runCli(['actions', '--as-of', '2026-01-31', '--format', 'json'], PROJECT)).stdout) as {
      actions: ListedAction[];
      leftOut: number;
    };
    assert.deepEqual(keys(before.actions), [`${AWKWARD}#0`, `${AWKWARD}#1`, `${AWKWARD}#2`, `${AWKWARD}#3`, `${AWKWARD}#4`]);
    assert.deepEqual(new Set(before.actions.map((a) => a.ageDays)), new Set([21]));
    assert.equal(before.leftOut, 1);
    const md = ok(await runCli(['actions', '--as-of', '2026-01-31'], PROJECT)).stdout;
    assert.match(md, /\n5 action items: 0 overdue as of 2026-01-31\. 1 item of incidents that started after 2026-01-31 is left out\.\n$/);
    const csv = parse(ok(await runCli(['actions', '--as-of', '2026-01-09', '--format', 'csv'], PROJECT)).stdout, { columns: true }) as unknown[];
    assert.deepEqual(csv, []);
    // On the day an incident started, its items count, aged 0 days.
    const onTheDay = await listed();
    assert.equal(onTheDay.actions.length, 6);
    const sameDay = JSON.parse(ok(await runCli(['actions', '--as-of', '2026-02-01', '--format', 'json', '--owner', 'routing team'], PROJECT)).stdout) as {
      actions: ListedAction[];
      leftOut: number;
    };
    assert.deepEqual([sameDay.actions.map((a) => a.ageDays), sameDay.leftOut], [[0], 0]);
  });

  it('--format md with no items: the heading and the summary line', async () => {
    const md = ok(await runCli(['actions', '--as-of', AS_OF, '--owner', 'nobody'], PROJECT)).stdout;
    assert.equal(md, '# Action items\n\n0 action items: 0 overdue as of 2026-03-01.\n');
    const results = await lint({ strings: { 'empty.md': md }, config: LINT_CONFIG });
    assert.deepEqual(results['empty.md'], []);
  });
});

describe('--out and invalid input', () => {
  for (const { how, run, itEveryWay } of RUNNERS) {
    itEveryWay(`--out writes the file atomically and says so on stderr; links are relative to it (${how})`, async () => {
      const dir = project();
      const result = ok(await run(['actions', '--as-of', AS_OF, '--out', 'reports/q1/actions.md'], dir));
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, 'wrote reports/q1/actions.md\n');
      const md = readFileSync(join(dir, 'reports', 'q1', 'actions.md'), 'utf8');
      assert.match(md, /\[2026-02-01-ongoing\]\(\.\.\/\.\.\/postmortems\/2026-02-01-ongoing\.md\)/);

      const exported = ok(await run(['export', '--what', 'events', '--format', 'csv', '--as-of', AS_OF, '--out', 'events.csv'], dir));
      assert.equal(exported.stdout, '');
      assert.equal(exported.stderr, 'wrote events.csv\n');
      assert.ok(existsSync(join(dir, 'events.csv')));
      const printed = ok(await run(['export', '--what', 'events', '--format', 'csv', '--as-of', AS_OF], dir)).stdout;
      assert.equal(readFileSync(join(dir, 'events.csv'), 'utf8'), printed);
    });

    itEveryWay(`an invalid file among valid ones: exit 1, its problems on stderr, the result for the others on stdout (${how})`, async () => {
      const dir = project();
      const exported = ok(await run(['export', 'incidents', 'broken', '--as-of', AS_OF], dir), 1);
      assert.deepEqual(
        (JSON.parse(exported.stdout) as Row[]).map((r) => r.id),
        [AWKWARD, ONGOING],
      );
      assert.match(exported.stderr, /^broken\/broken\.yaml:1:1: error: Missing required key `timeline`/m);
      assert.match(exported.stderr, /3 files: 2 ok, 1 invalid; 2 errors, 0 warnings/);

      const actions = ok(await run(['actions', 'incidents', 'broken', '--as-of', AS_OF, '--format', 'csv'], dir), 1);
      assert.equal(parse(actions.stdout, { columns: true }).length, 6);
      assert.match(actions.stderr, /broken\/broken\.yaml/);
    });
  }
});

describe('docs/reports.md', () => {
  const reference = readFileSync(join(ROOT, 'docs', 'reports.md'), 'utf8');

  /** The rows of the table under a heading: `| \`column\` | type | meaning |`. */
  function documented(heading: string): Map<string, string> {
    const start = reference.indexOf(heading);
    assert.ok(start >= 0, `docs/reports.md has ${heading}`);
    const next = reference.indexOf('\n#', start + heading.length);
    const section = reference.slice(start, next < 0 ? undefined : next);
    const columns = new Map<string, string>();
    for (const match of section.matchAll(/^\| `([a-z0-9_<>]+)` \| (string|number|boolean)\b/gm)) columns.set(match[1]!, match[2]!);
    return columns;
  }

  it('documents every column of each export, with its type', async () => {
    const { config } = await loadConfig(ROOT);
    const figureNames = new Set(config.figures.flatMap((f) => ['seconds', 'approximate', 'state'].map((s) => `${snakeCase(f.name)}_${s}`)));
    const all = incidentColumns(config.figures);
    const first = all.findIndex((c) => figureNames.has(c.name));
    const perFigure = [
      { name: '<figure>_seconds', type: 'number' },
      { name: '<figure>_approximate', type: 'boolean' },
      { name: '<figure>_state', type: 'string' },
    ];
    const expected = {
      incidents: [...all.slice(0, first), ...perFigure, ...all.slice(first).filter((c) => !figureNames.has(c.name))],
      events: EVENT_COLUMNS,
      actions: ACTION_COLUMNS,
    };
    for (const [what, columns] of Object.entries(expected)) {
      const docs = documented(`## \`export --what ${what}\``);
      assert.deepEqual(
        [...docs.entries()],
        columns.map((c) => [c.name, c.type]),
        `docs/reports.md columns of ${what}, in order`,
      );
    }
  });
});
