import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadConfig } from '../src/config/config.js';
import { htmlToMarkdown } from '../src/import/html-text.js';
import { planEvents, NO_TIMELINE } from '../src/import/plan-events.js';
import { parseRfc3339 } from '../src/time/rfc3339.js';
import { importedTime } from '../src/import/event-lines.js';
import { parseTimestamp } from '../src/time/timestamp.js';
import { incidentProject } from './helpers.js';

it('reads RFC 3339 times with 0 to 9 fraction digits and their own offset', () => {
  assert.equal(parseRfc3339('2024-09-16T21:31:02Z'), Date.UTC(2024, 8, 16, 21, 31, 2));
  assert.equal(parseRfc3339('2024-09-16T21:31:02.7Z'), Date.UTC(2024, 8, 16, 21, 31, 2, 700));
  assert.equal(parseRfc3339('2021-08-17T13:28:57.801578123Z'), Date.UTC(2021, 7, 17, 13, 28, 57, 801));
  assert.equal(parseRfc3339('2022-02-15T13:14:17.744-08:00'), Date.UTC(2022, 1, 15, 21, 14, 17, 744));
  assert.equal(parseRfc3339('2022-07-15T13:14:17+05:30'), Date.UTC(2022, 6, 15, 7, 44, 17));
  for (const bad of ['2024-09-16 21:31:02Z', '2024-09-16T21:31Z', '2024-02-30T00:00:00Z', '2024-09-16T21:31:02', '2024-09-16T24:00:00Z', '2024-09-16T21:31:02.1234567890Z']) {
    assert.equal(parseRfc3339(bad), undefined, bad);
  }
});

it('writes an imported time as local time, as precise as it is, with the offset only where it is ambiguous', () => {
  const cases: [string, string, string][] = [
    ['2024-09-16T21:31:00Z', 'America/Los_Angeles', '2024-09-16 14:31'],
    ['2024-09-16T21:31:02Z', 'UTC', '2024-09-16 21:31:02'],
    ['2024-09-16T21:31:02.050Z', 'Europe/Berlin', '2024-09-16 23:31:02.050'],
    ['2021-11-07T08:30:00Z', 'America/Tijuana', '2021-11-07T01:30-07:00'],
    ['2021-11-07T09:30:00Z', 'America/Tijuana', '2021-11-07T01:30-08:00'],
  ];
  for (const [instant, zone, written] of cases) {
    assert.equal(importedTime(Date.parse(instant), zone), written);
    const read = parseTimestamp(written, zone);
    assert.ok(read.ok && read.time.instant === Date.parse(instant), `${written} reads back in ${zone}`);
  }
});

it('turns a status update body from HTML into plain Markdown', () => {
  assert.equal(
    htmlToMarkdown('A fix &amp; a <strong>rollback</strong>.<br /><br />See <a href="https://example.com/x?a=1&amp;b=2">the notes</a>, <a href="javascript:alert(1)">this</a> and <p>&lt;tags&gt; &#39;quoted&#39;</p>'),
    "A fix & a **rollback**.\n\nSee [the notes](https://example.com/x?a=1&b=2), this and\n\n<tags> 'quoted'",
  );
  assert.equal(htmlToMarkdown('<ul><li>one</li><li>two</li></ul>'), '- one\n- two');
  assert.equal(htmlToMarkdown('Intro<p>Para</p>'), 'Intro\n\nPara');
  assert.equal(htmlToMarkdown('line1<br>line2<p class="x">para</p>'), 'line1\nline2\n\npara');
  assert.equal(htmlToMarkdown('<p>One</p><p>Two</p>'), 'One\n\nTwo');
  assert.equal(htmlToMarkdown('<h3>Update</h3>We are <pre>on it</pre>'), 'Update\n\nWe are on it');
});

it('keeps a `<` that starts no tag, as status pages write it raw, and decodes every named entity', () => {
  // Real githubstatus bodies: a bare `<` took the text up to the next `>` with it.
  assert.equal(htmlToMarkdown('p99 latency < 200ms is our target; we saw > 2s.'), 'p99 latency < 200ms is our target; we saw > 2s.');
  assert.equal(htmlToMarkdown('<ul><li>Downtime expected: < 5 minutes.</li><li>a <3 b</li></ul>'), '- Downtime expected: < 5 minutes.\n- a <3 b');
  assert.equal(htmlToMarkdown('x <!-- note --> y <b>z</b>'), 'x  y **z**');
  assert.equal(htmlToMarkdown('We&rsquo;re on it &eacute;t&eacute; &Eacute; &notanentity; &AMP;'), 'We’re on it été É &notanentity; &');
});

it('plans imported milestones: never two of a kind, none before impact-start but detected, none after resolved', () => {
  const at = (instant: number) => String(instant);
  const plan = planEvents(
    [
      { sourceId: 'a', instant: 10, kind: 'impact-start', text: 'start' },
      { sourceId: 'b', instant: 5, kind: 'detected', text: 'early alert' },
      { sourceId: 'c', instant: 7, kind: 'identified', text: 'too early' },
      { sourceId: 'd', instant: 20, kind: 'resolved', text: 'done' },
      { sourceId: 'e', instant: 30, kind: 'resolved', text: 'done again' },
      { sourceId: 'f', instant: 40, kind: 'mitigated', text: 'late' },
      { sourceId: 'a', instant: 10, kind: 'impact-start', text: 'the same again' },
    ],
    NO_TIMELINE,
    at,
  );
  assert.deepEqual(plan.add.map((event) => `${event.sourceId}:${event.kind ?? 'note'}`), ['b:detected', 'c:note', 'a:impact-start', 'd:resolved', 'e:note', 'f:note']);
  assert.equal(plan.skipped, 1);
  assert.deepEqual(plan.conflicts, [
    'The imported `identified` at 7 is added as a note: it is before `impact-start` at 10',
    'The imported `resolved` at 30 is added as a note: the incident already has `resolved` at 20',
    'The imported `mitigated` at 40 is added as a note: it is after `resolved` at 20',
  ]);
});

it('skips a milestone the file has at the same instant: a PagerDuty resolution and the log entry that resolved it are one fact', () => {
  const existing = { sourceIds: new Set<string>(), milestones: new Map([['resolved' as const, { instant: 20, at: '20' }]]) };
  const plan = planEvents(
    [
      { sourceId: 'log-entry', instant: 20, kind: 'resolved', text: 'Resolved by Earline Greenholt.' },
      { sourceId: 'later', instant: 30, kind: 'resolved', text: 'resolved again' },
    ],
    existing,
    String,
  );
  assert.deepEqual(plan.add.map((event) => `${event.sourceId}:${event.kind ?? 'note'}`), ['later:note']);
  assert.equal(plan.skipped, 1);
  assert.deepEqual(plan.conflicts, ['The imported `resolved` at 30 is added as a note: the incident already has `resolved` at 20']);
});

it('plans a resolved posted before the impact started as a note, and keeps the start: a demoted milestone bounds nothing', () => {
  const plan = planEvents(
    [
      { sourceId: 'r', instant: 8, kind: 'resolved', text: 'resolved early' },
      { sourceId: 's', instant: 9, kind: 'impact-start', text: 'start' },
      { sourceId: 'm', instant: 12, kind: 'mitigated', text: 'mitigated' },
    ],
    NO_TIMELINE,
    String,
  );
  assert.deepEqual(plan.add.map((event) => `${event.sourceId}:${event.kind ?? 'note'}`), ['r:note', 's:impact-start', 'm:mitigated']);
  assert.deepEqual(plan.conflicts, ['The imported `resolved` at 8 is added as a note: it is before `impact-start` at 9']);
});

it('refuses an import.severity_map level that is not configured, and a label written twice', async () => {
  const dir = incidentProject({}, 'import:\n  severity_map:\n    minor: SEV9\n');
  const { diagnostics } = await loadConfig(dir);
  assert.deepEqual(
    diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`),
    ['3:12 unknown-severity Unexpected `SEV9` for `minor` in `import.severity_map`, expected a configured severity'],
  );
  // Labels are matched in any case, so a second spelling of one is refused rather than silently winning.
  const twice = await loadConfig(incidentProject({}, 'import:\n  severity_map:\n    critical: SEV1\n    CRITICAL: SEV2\n'));
  assert.deepEqual(
    twice.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`),
    ['4:5 invalid-value Unexpected `CRITICAL` in `import.severity_map`: it is `critical` again, as labels are matched in any case'],
  );
});
