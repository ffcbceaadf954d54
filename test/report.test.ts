/**
 * The report across incidents, on a fixture set whose every figure was worked
 * out by hand (test/fixtures/report, described below), and on the three
 * sample incidents. Expected values are literals: never computed by the code
 * under test.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { type ResolvedConfig, defaultConfig, loadConfig } from '../src/config/config.js';
import { type ReportOptions, buildReport } from '../src/report/build-report.js';
import { collectRecords } from '../src/report/collect-records.js';
import { toCsv } from '../src/report/csv.js';
import type { IncidentRecord } from '../src/report/records.js';
import { reportToCsv } from '../src/report/report-csv.js';
import { loadReportTemplates, renderReportMarkdown } from '../src/report/render-report.js';
import type { FigureStats, GroupBy, IncidentFilters, Report, Stats } from '../src/report/report-model.js';
import { FIXTURES, ROOT, tempDir } from './helpers.js';

const REPORT_DIR = join(FIXTURES, 'report');

/*
 * The fixture set, as-of 2026-02-10. Times are local to each incident's zone;
 * S D A M R = impact start, detected, acknowledged, mitigated, resolved, in
 * minutes after S; `~` approximate; NK not known; ONG ongoing.
 *
 * id   zone  local start        sev  status services         D    A    M    R     | dur    ttd   tta   ttm   ttr    engage
 * r01  LA    2025-03-31 23:30   SEV2 final  api              10   15   40   90    | 5400   600   300   2400  5400   900
 *      (06:30 UTC on 1 April: belongs to 2025-03 / 2025-Q1)
 * r02  BER   2025-04-10 09:00   SEV1 review api,payments     5    8    60   ~180  | 10800~ 300   180   3600  10800~ 480
 * r03  UTC   2025-04-22 14:00   SEV3 review search           -    30   45   60    | 3600   NK    NK    2700  3600   1800
 * r04  KOL   2025-05-05 10:00   SEV2 final  payments         ~20  25   50   120   | 7200   1200~ 300~  3000  7200   1500
 * r05  UTC   2025-05-20 08:00   SEV4 draft  (none)           2    -    -    30    | 1800   120   NK    NK    1800   NK
 * r06  BER   ~2025-06-03 12:00  SEV3 review search,api       15   20   30   45    | 2700~  900~  300   1800~ 2700~  1200~
 * r07  LA    2025-09-14 20:00   SEV1 final  payments         3    6    120  300   | 18000  180   180   7200  18000  360
 * r08  TYO   2026-01-01 08:00   SEV2 review auth             10   12   20   50    | 3000   600   120   1200  3000   720
 *      (23:00 UTC on 31 December 2025: belongs to 2026-01 / 2026-Q1 / 2026)
 * r09  UTC   2026-01-20 10:00   SEV1 draft  api              4    9    30   -     | ONG    240   300   1800  ONG    540
 * r10  BER   2026-02-02 16:00   SEV3 draft  auth,search      -    -    -    -     | ONG    NK    NK    NK    ONG    NK
 * r11  TYO   2026-01-15 09:00   SEV4 final  search           30   40   ~60  90    | 5400   1800  600   3600~ 5400   2400
 * r12  UTC   2025-11-05 03:00   SEV2 final  api              20   25   70   100   | 6000   1200  300   4200  6000   1500
 * r13  LA    2025-12-31 20:00   SEV3 review payments         10   30   -    200   | 12000  600   1200  NK    12000  1800
 *      (04:00 UTC on 1 January 2026: belongs to 2025-12 / 2025-Q4 / 2025)
 *
 * Newest impact start first (by instant, so r13 comes before r08 although its
 * local date is earlier): r10 r09 r11 r13 r08 r12 r07 r06 r05 r04 r03 r02 r01.
 *
 * related: r06 → r03, r11 → r06 (search: r03 r06 r11, through r06); r04 → r07
 * (a later file), r13 → r07 (payments: r04 r07 r13, through r07).
 */
const INCIDENT_ORDER = [
  'r10-berlin-february-sessions',
  'r09-utc-january-api',
  'r11-tokyo-january-search',
  'r13-la-new-years-eve-payments',
  'r08-tokyo-new-year-auth',
  'r12-utc-november-api',
  'r07-la-september-payments',
  'r06-berlin-june-search',
  'r05-utc-may-internal',
  'r04-kolkata-may-payments',
  'r03-utc-april-search',
  'r02-berlin-april-database',
  'r01-la-march-edge',
];
const [R10, R09, R11, R13, R08, R12, R07, R06, R05, R04, R03, R02, R01] = INCIDENT_ORDER as [
  string, string, string, string, string, string, string, string, string, string, string, string, string,
];

const FIGURES = ['duration', 'time to detect', 'time to acknowledge', 'time to identify', 'time to mitigate', 'time to resolve', 'time to engage'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const EMPTY: Stats = { count: 0, mean: null, median: null, p90: null, max: null };

function stats(count: number, mean: number, median: number, p90: number, max: number): Stats {
  return { count, mean, median, p90, max };
}

function only(stat: Stats): Stats {
  const { count, mean, median, p90, max } = stat;
  return { count, mean, median, p90, max };
}

function figure(report: { figures: FigureStats[] }, name: string): FigureStats {
  const found = report.figures.find((candidate) => candidate.name === name);
  assert.ok(found, `no figure ${name}`);
  return found;
}

function counts(list: { key: string; count: number }[]): [string, number][] {
  return list.map(({ key, count }) => [key, count]);
}

async function load(folder: string, config: ResolvedConfig): Promise<IncidentRecord[]> {
  const collected = await collectRecords({ config, cwd: folder, inputs: ['incidents'] });
  assert.deepEqual(
    collected.diagnostics.map((diagnostic) => diagnostic.message),
    [],
  );
  return collected.records;
}

function options(config: ResolvedConfig, asOf: string, groupBy: GroupBy, filters: IncidentFilters = {}): ReportOptions {
  return {
    asOf,
    groupBy,
    filters,
    severities: config.severities.map((level) => level.id),
    figureNames: config.figures.map((definition) => definition.name),
    link: (id) => `${id}.md`,
  };
}

describe('report on the fixture set', () => {
  let config: ResolvedConfig;
  let records: IncidentRecord[];
  let byMonth: Report;
  const report = (groupBy: GroupBy, filters: IncidentFilters = {}) => buildReport(records, options(config, '2026-02-10', groupBy, filters));

  before(async () => {
    const loaded = await loadConfig(REPORT_DIR);
    assert.deepEqual(loaded.diagnostics, []);
    config = loaded.config;
    records = await load(REPORT_DIR, config);
    byMonth = report('month');
  });

  it('reads every fixture, with the configured figure', () => {
    assert.equal(records.length, 13);
    assert.deepEqual(
      config.figures.map((definition) => definition.name),
      FIGURES,
    );
    assert.deepEqual(byMonth.severities, SEVERITIES);
    assert.equal(byMonth.asOf, '2026-02-10');
    assert.equal(byMonth.periodUnit, 'month');
  });

  it('lists the incidents newest first by instant, with local dates and links', () => {
    assert.deepEqual(
      byMonth.incidents.map((incident) => incident.id),
      INCIDENT_ORDER,
    );
    const r13 = byMonth.incidents[3]!;
    assert.deepEqual(r13, {
      id: R13,
      title: "Refunds delayed on New Year's Eve",
      date: '2025-12-31',
      start: '2025-12-31T20:00:00-08:00',
      severity: 'SEV3',
      status: 'review',
      type: 'incident',
      services: ['payments'],
      durationSeconds: 12000,
      durationApproximate: false,
      durationPrecision: 'time',
      ongoing: false,
      noImpact: false,
      link: 'r13-la-new-years-eve-payments.md',
    });
    const r01 = byMonth.incidents[12]!;
    assert.deepEqual([r01.date, r01.start], ['2025-03-31', '2025-03-31T23:30:00-07:00']);
    const r08 = byMonth.incidents[4]!;
    assert.deepEqual([r08.date, r08.start], ['2026-01-01', '2026-01-01T08:00:00+09:00']);
    const r02 = byMonth.incidents[11]!;
    assert.deepEqual([r02.durationSeconds, r02.durationApproximate, r02.ongoing], [10800, true, false]);
    const r09 = byMonth.incidents[1]!;
    assert.deepEqual([r09.durationSeconds, r09.durationApproximate, r09.ongoing], [null, false, true]);
  });

  it('counts incidents by severity, status and service', () => {
    const { totals } = byMonth;
    assert.equal(totals.incidents, 13);
    assert.equal(totals.ongoing, 2); // r09, r10
    assert.equal(totals.approximate, 4); // r02 resolved, r04 detected, r06 impact start, r11 mitigated
    assert.deepEqual(counts(totals.bySeverity), [
      ['SEV1', 3],
      ['SEV2', 4],
      ['SEV3', 4],
      ['SEV4', 2],
    ]);
    assert.deepEqual(counts(totals.byStatus), [
      ['draft', 3],
      ['review', 5],
      ['final', 5],
    ]);
    assert.deepEqual(counts(totals.byService), [
      ['api', 5],
      ['payments', 4],
      ['search', 4],
      ['auth', 2],
    ]);
  });

  it('computes every figure over all incidents, naming the ones left out', () => {
    // duration: 1800 2700 3000 3600 5400 5400 6000 7200 10800 12000 18000; sum 75900.
    const duration = figure(byMonth, 'duration');
    assert.deepEqual(only(duration), stats(11, 6900, 5400, 12000, 18000));
    assert.equal(duration.approximate, 2);
    assert.deepEqual(duration.missing, [
      { id: R10, reason: 'ongoing' },
      { id: R09, reason: 'ongoing' },
    ]);
    // time to detect: 120 180 240 300 600 600 600 900 1200 1200 1800; sum 7740.
    const detect = figure(byMonth, 'time to detect');
    assert.deepEqual(only(detect), stats(11, 7740 / 11, 600, 1200, 1800));
    assert.equal(detect.approximate, 2);
    assert.deepEqual(detect.missing, [
      { id: R10, reason: 'not known' },
      { id: R03, reason: 'not known' },
    ]);
    // time to acknowledge: 120 180 180 300 300 300 300 300 600 1200; sum 3780.
    const acknowledge = figure(byMonth, 'time to acknowledge');
    assert.deepEqual(only(acknowledge), stats(10, 378, 300, 600, 1200));
    assert.equal(acknowledge.approximate, 1);
    assert.deepEqual(
      acknowledge.missing.map((missing) => missing.id),
      [R10, R05, R03],
    );
    // time to mitigate: 1200 1800 1800 2400 2700 3000 3600 3600 4200 7200; sum 31500.
    const mitigate = figure(byMonth, 'time to mitigate');
    assert.deepEqual(only(mitigate), stats(10, 3150, 2850, 4200, 7200));
    assert.equal(mitigate.approximate, 2);
    assert.deepEqual(mitigate.missing, [
      { id: R10, reason: 'not known' },
      { id: R13, reason: 'not known' },
      { id: R05, reason: 'not known' },
    ]);
    const resolve = figure(byMonth, 'time to resolve');
    assert.deepEqual(only(resolve), stats(11, 6900, 5400, 12000, 18000));
    assert.deepEqual(
      resolve.missing.map((missing) => missing.reason),
      ['ongoing', 'ongoing'],
    );
    // time to engage (configured): 360 480 540 720 900 1200 1500 1500 1800 1800 2400; sum 13200.
    const engage = figure(byMonth, 'time to engage');
    assert.deepEqual(only(engage), stats(11, 1200, 1200, 1800, 2400));
    assert.equal(engage.approximate, 1);
    assert.deepEqual(
      engage.missing.map((missing) => missing.id),
      [R10, R05],
    );
    assert.deepEqual(
      byMonth.figures.map((stat) => stat.name),
      FIGURES,
    );
  });

  it('lists every month from the first to the last by local date, empty ones included', () => {
    assert.deepEqual(
      byMonth.periods.map((row) => [row.period, row.incidents]),
      [
        ['2025-03', 1],
        ['2025-04', 2],
        ['2025-05', 2],
        ['2025-06', 1],
        ['2025-07', 0],
        ['2025-08', 0],
        ['2025-09', 1],
        ['2025-10', 0],
        ['2025-11', 1],
        ['2025-12', 1],
        ['2026-01', 3],
        ['2026-02', 1],
      ],
    );
    const month = (period: string) => byMonth.periods.find((row) => row.period === period)!;
    assert.deepEqual(counts(month('2025-04').bySeverity), [
      ['SEV1', 1],
      ['SEV2', 0],
      ['SEV3', 1],
      ['SEV4', 0],
    ]);
    assert.deepEqual(only(month('2025-04').timeToResolve), stats(2, 7200, 7200, 10800, 10800));
    // r02 was resolved at an approximate time: the month's statistics are marked approximate.
    assert.deepEqual([month('2025-04').timeToResolve.approximate, month('2025-05').timeToResolve.approximate], [1, 0]);
    assert.deepEqual(only(month('2025-05').timeToResolve), stats(2, 4500, 4500, 7200, 7200));
    assert.deepEqual(only(month('2025-03').timeToResolve), stats(1, 5400, 5400, 5400, 5400));
    assert.deepEqual(only(month('2025-07').timeToResolve), EMPTY);
    assert.deepEqual(counts(month('2025-07').bySeverity), [
      ['SEV1', 0],
      ['SEV2', 0],
      ['SEV3', 0],
      ['SEV4', 0],
    ]);
    // r08 3000, r11 5400; r09 is ongoing.
    assert.deepEqual(only(month('2026-01').timeToResolve), stats(2, 4200, 4200, 5400, 5400));
    assert.deepEqual(counts(month('2026-01').bySeverity), [
      ['SEV1', 1],
      ['SEV2', 1],
      ['SEV3', 0],
      ['SEV4', 1],
    ]);
    assert.deepEqual(only(month('2026-02').timeToResolve), EMPTY);
    assert.deepEqual(only(month('2025-12').timeToResolve), stats(1, 12000, 12000, 12000, 12000));
    // Groups by month have the same keys as the periods.
    assert.deepEqual(
      byMonth.groups.map((group) => [group.key, group.incidents, group.ongoing]),
      byMonth.periods.map((row) => [row.period, row.incidents, row.period === '2026-01' || row.period === '2026-02' ? 1 : 0]),
    );
  });

  it('groups by quarter and year by local date', () => {
    const byQuarter = report('quarter');
    assert.equal(byQuarter.periodUnit, 'quarter');
    assert.deepEqual(
      byQuarter.groups.map((group) => [group.key, group.incidents, group.ongoing]),
      [
        ['2025-Q1', 1, 0],
        ['2025-Q2', 5, 0],
        ['2025-Q3', 1, 0],
        ['2025-Q4', 2, 0],
        ['2026-Q1', 4, 2],
      ],
    );
    assert.deepEqual(
      byQuarter.periods.map((row) => row.period),
      ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'],
    );
    const q2 = byQuarter.groups[1]!;
    // r02 10800~, r03 3600, r04 7200, r05 1800, r06 2700~: 1800 2700 3600 7200 10800; sum 26100.
    const q2Duration = figure(q2, 'duration');
    assert.deepEqual(only(q2Duration), stats(5, 5220, 3600, 10800, 10800));
    assert.deepEqual([q2Duration.approximate, q2Duration.missing], [2, []]);
    const q1 = byQuarter.groups[4]!;
    const q1Duration = figure(q1, 'duration');
    assert.deepEqual(only(q1Duration), stats(2, 4200, 4200, 5400, 5400));
    assert.deepEqual(q1Duration.missing, [
      { id: R10, reason: 'ongoing' },
      { id: R09, reason: 'ongoing' },
    ]);
    // time to detect: r09 240, r11 1800, r08 600; r10 not known.
    const q1Detect = figure(q1, 'time to detect');
    assert.deepEqual(only(q1Detect), stats(3, 880, 600, 1800, 1800));
    assert.deepEqual(q1Detect.missing, [{ id: R10, reason: 'not known' }]);
    assert.deepEqual(only(byQuarter.periods[3]!.timeToResolve), stats(2, 9000, 9000, 12000, 12000));

    const byYear = report('year');
    assert.deepEqual(
      byYear.groups.map((group) => [group.key, group.incidents, group.ongoing]),
      [
        ['2025', 9, 0],
        ['2026', 4, 2],
      ],
    );
    assert.deepEqual(
      byYear.periods.map((row) => [row.period, row.incidents]),
      [
        ['2025', 9],
        ['2026', 4],
      ],
    );
  });

  it('groups by service, an incident in each of its services, (none) last', () => {
    const byService = report('service');
    assert.equal(byService.periodUnit, 'month');
    assert.deepEqual(
      byService.groups.map((group) => [group.key, group.incidents, group.ongoing]),
      [
        ['api', 5, 1],
        ['auth', 2, 1],
        ['payments', 4, 0],
        ['search', 4, 1],
        ['(none)', 1, 0],
      ],
    );
    const group = (key: string) => byService.groups.find((row) => row.key === key)!;
    // api: r12 6000, r06 2700~, r02 10800~, r01 5400; r09 ongoing. 2700 5400 6000 10800; sum 24900.
    const api = figure(group('api'), 'duration');
    assert.deepEqual(only(api), stats(4, 6225, 5700, 10800, 10800));
    assert.deepEqual([api.approximate, api.missing], [2, [{ id: R09, reason: 'ongoing' }]]);
    // payments: r13 12000, r07 18000, r04 7200, r02 10800~: 7200 10800 12000 18000; sum 48000.
    const payments = figure(group('payments'), 'duration');
    assert.deepEqual(only(payments), stats(4, 12000, 11400, 18000, 18000));
    assert.equal(payments.approximate, 1);
    // search: r11 5400, r06 2700~, r03 3600; r10 ongoing.
    const search = figure(group('search'), 'duration');
    assert.deepEqual(only(search), stats(3, 3900, 3600, 5400, 5400));
    assert.deepEqual(search.missing, [{ id: R10, reason: 'ongoing' }]);
    assert.deepEqual(only(figure(group('auth'), 'duration')), stats(1, 3000, 3000, 3000, 3000));
    const none = group('(none)');
    assert.deepEqual(only(figure(none, 'duration')), stats(1, 1800, 1800, 1800, 1800));
    assert.deepEqual(figure(none, 'time to acknowledge').missing, [{ id: R05, reason: 'not known' }]);
  });

  it('groups by severity in configured order', () => {
    const bySeverity = report('severity');
    assert.deepEqual(
      bySeverity.groups.map((group) => [group.key, group.incidents, group.ongoing]),
      [
        ['SEV1', 3, 1],
        ['SEV2', 4, 0],
        ['SEV3', 4, 1],
        ['SEV4', 2, 0],
      ],
    );
    const duration = (index: number) => figure(bySeverity.groups[index]!, 'duration');
    // SEV1: r07 18000, r02 10800~; r09 ongoing.
    assert.deepEqual(only(duration(0)), stats(2, 14400, 14400, 18000, 18000));
    assert.deepEqual(duration(0).missing, [{ id: R09, reason: 'ongoing' }]);
    // SEV2: r08 3000, r12 6000, r04 7200, r01 5400; sum 21600.
    assert.deepEqual(only(duration(1)), stats(4, 5400, 5700, 7200, 7200));
    // SEV3: r13 12000, r06 2700~, r03 3600; sum 18300; r10 ongoing.
    assert.deepEqual(only(duration(2)), stats(3, 6100, 3600, 12000, 12000));
    assert.deepEqual(only(duration(3)), stats(2, 3600, 3600, 5400, 5400));
  });

  it('sums the error budget per SLO and month, listing ongoing incidents as not counted', () => {
    // API availability: 99.75% over 30 days = 108 budget minutes (60 days for r09: 216).
    // Payment success: 99.5% over 25 days = 180 budget minutes.
    assert.deepEqual(byMonth.errorBudget, [
      // r02: 180 min × 50% = 90.
      { slo: 'API availability', period: '2025-04', incidents: 1, budgetMinutes: 108, windowDays: 30, consumedMinutes: 90, share: 90 / 108, approximate: true, notCounted: [] },
      // r12: 100 min × 27% = 27.
      { slo: 'API availability', period: '2025-11', incidents: 1, budgetMinutes: 108, windowDays: 30, consumedMinutes: 27, share: 0.25, approximate: false, notCounted: [] },
      // r08: 50 min × 54% = 27; r09 ongoing; the larger budget, 216, and its window, 60 days.
      { slo: 'API availability', period: '2026-01', incidents: 2, budgetMinutes: 216, windowDays: 60, consumedMinutes: 27, share: 0.125, approximate: false, notCounted: [R09] },
      // r04: 120 min × 20% = 24.
      { slo: 'Payment success', period: '2025-05', incidents: 1, budgetMinutes: 180, windowDays: 25, consumedMinutes: 24, share: 24 / 180, approximate: false, notCounted: [] },
      // r07: 300 min × 60% = 180: the whole budget.
      { slo: 'Payment success', period: '2025-09', incidents: 1, budgetMinutes: 180, windowDays: 25, consumedMinutes: 180, share: 1, approximate: false, notCounted: [] },
    ]);
    const byQuarter = report('quarter');
    assert.deepEqual(
      byQuarter.errorBudget.map((row) => [row.slo, row.period, row.incidents, row.consumedMinutes]),
      [
        ['API availability', '2025-Q2', 1, 90],
        ['API availability', '2025-Q4', 1, 27],
        ['API availability', '2026-Q1', 2, 27],
        ['Payment success', '2025-Q2', 1, 24],
        ['Payment success', '2025-Q3', 1, 180],
      ],
    );
  });

  it('names the longest incidents and the services with repeated incidents', () => {
    assert.deepEqual(
      byMonth.longest.map((incident) => [incident.id, incident.durationSeconds]),
      [
        [R07, 18000],
        [R13, 12000],
        [R02, 10800],
        [R04, 7200],
        [R12, 6000],
      ],
    );
    assert.deepEqual(byMonth.repeatedServices, [
      { service: 'api', count: 5, incidents: [R01, R02, R06, R12, R09] },
      { service: 'payments', count: 4, incidents: [R02, R04, R07, R13] },
      { service: 'search', count: 4, incidents: [R03, R06, R11, R10] },
      { service: 'auth', count: 2, incidents: [R08, R10] },
    ]);
  });

  it('groups the incidents linked through related, either way and on through each other', () => {
    // Two groups of three: the one whose oldest incident is older (r03, 22 April) first; each oldest first.
    assert.deepEqual(byMonth.relatedGroups, [
      { count: 3, incidents: [R03, R06, R11] },
      { count: 3, incidents: [R04, R07, R13] },
    ]);
    // Only the report's incidents: with r03 filtered out, r06 and r11 are still linked; r04 and r13 only through r07.
    assert.deepEqual(report('month', { since: '2025-05-01' }).relatedGroups, [
      { count: 3, incidents: [R04, R07, R13] },
      { count: 2, incidents: [R06, R11] },
    ]);
    assert.deepEqual(report('month', { services: ['payments'], until: '2025-12-01' }).relatedGroups, [{ count: 2, incidents: [R04, R07] }]);
    assert.deepEqual(report('month', { services: ['auth'] }).relatedGroups, []);
  });

  it('summarises action items and lists the overdue ones', () => {
    const { actions } = byMonth;
    assert.equal(actions.total, 12);
    assert.deepEqual(counts(actions.byStatus), [
      ['open', 6],
      ['in-progress', 3],
      ['done', 2],
      ['wont-do', 1],
    ]);
    assert.deepEqual(counts(actions.byOwner), [
      ['Payments team', 4],
      ['Edge team', 3],
      ['SRE', 3],
      ['API team', 2],
    ]);
    assert.deepEqual(counts(actions.byType), [
      ['prevent', 4],
      ['detect', 2],
      ['mitigate', 1],
      ['process', 3],
      ['other', 1],
      ['none', 1],
    ]);
    // Not overdue: done and wont-do items, r04's item due on the as-of day, r04's item without a due date,
    // r09's item due the day after.
    assert.deepEqual(
      actions.overdue.map((item) => [item.incident, item.title, item.daysOverdue, item.ageDays]),
      [
        [R01, 'Alert on edge 5xx rate per region', 132, 316],
        [R01, 'Write the edge rollback runbook', 132, 316],
        [R07, 'Add a second payments database replica', 132, 149],
        [R12, 'Load-test the rate limiter configuration', 71, 97],
        [R13, 'Page payments on refund queue age', 26, 41],
        [R02, 'Shorten the failover health check', 1, 306],
      ],
    );
    assert.deepEqual(actions.overdue[0], {
      incident: R01,
      incidentTitle: 'Edge proxy errors on the last evening of March',
      title: 'Alert on edge 5xx rate per region',
      owner: 'Edge team',
      status: 'open',
      priority: 'P1',
      due: '2025-10-01',
      daysOverdue: 132,
      ageDays: 316,
      ticket: 'https://tracker.example.com/EDGE-1',
      link: 'r01-la-march-edge.md',
    });
    assert.deepEqual(
      actions.overdue.map((item) => [item.owner, item.status, item.priority, item.ticket]),
      [
        ['Edge team', 'open', 'P1', 'https://tracker.example.com/EDGE-1'],
        ['SRE', 'in-progress', 'P2', null],
        ['SRE', 'open', null, 'https://tracker.example.com/OPS-3'],
        ['API team', 'in-progress', 'P2', 'https://tracker.example.com/API-9'],
        ['Edge team', 'open', null, null],
        ['Payments team', 'in-progress', 'P1', 'https://tracker.example.com/PAY-7'],
      ],
    );
    // A day later, r04's item due on 2026-02-10 is one day overdue and r09's is not yet.
    const later = buildReport(records, options(config, '2026-02-11', 'month'));
    assert.deepEqual(
      later.actions.overdue.map((item) => [item.incident, item.daysOverdue]),
      [
        [R01, 133],
        [R01, 133],
        [R07, 133],
        [R12, 72],
        [R13, 27],
        [R02, 2],
        [R04, 1],
      ],
    );
  });

  it('filters on the local date, services, severities, tags and statuses', () => {
    const ids = (filters: IncidentFilters) => report('month', filters).incidents.map((incident) => incident.id);
    // r01 is 1 April in UTC but 31 March locally; r08 is 31 December in UTC but 1 January locally.
    assert.deepEqual(ids({ since: '2025-04-01', until: '2025-12-31' }), [R13, R12, R07, R06, R05, R04, R03, R02]);
    assert.deepEqual(ids({ since: '2025-03-31', until: '2025-03-31' }), [R01]);
    assert.deepEqual(ids({ since: '2026-01-01', until: '2026-01-01' }), [R08]);
    assert.deepEqual(ids({ services: ['payments'], severities: ['SEV1'] }), [R07, R02]);
    assert.deepEqual(ids({ services: ['auth', '(none)'] }), [R10, R08]);
    assert.deepEqual(ids({ tags: ['deploy'] }), [R09, R03, R02]);
    assert.deepEqual(ids({ tags: ['deploy', 'network'] }), [R09, R03, R02, R01]);
    assert.deepEqual(ids({ statuses: ['draft'] }), [R10, R09, R05]);
    assert.deepEqual(ids({ statuses: ['draft'], since: '2026-01-01' }), [R10, R09]);

    const filtered = report('month', { services: ['payments'] });
    assert.deepEqual(filtered.filters, { services: ['payments'] });
    assert.deepEqual(
      filtered.periods.map((row) => [row.period, row.incidents]),
      [
        ['2025-04', 1],
        ['2025-05', 1],
        ['2025-06', 0],
        ['2025-07', 0],
        ['2025-08', 0],
        ['2025-09', 1],
        ['2025-10', 0],
        ['2025-11', 0],
        ['2025-12', 1],
      ],
    );
    assert.deepEqual(
      filtered.actions.overdue.map((item) => item.incident),
      [R07, R13, R02],
    );
    assert.deepEqual(
      filtered.errorBudget.map((row) => [row.slo, row.period]),
      [
        ['API availability', '2025-04'],
        ['Payment success', '2025-05'],
        ['Payment success', '2025-09'],
      ],
    );

    const none = report('month', { since: '2030-01-01' });
    assert.equal(none.totals.incidents, 0);
    assert.deepEqual([none.periods, none.groups, none.errorBudget, none.longest, none.repeatedServices], [[], [], [], [], []]);
    assert.deepEqual(only(figure(none, 'duration')), EMPTY);
    assert.deepEqual(none.actions.overdue, []);
  });

  it('gives the same report whatever the order of the files', () => {
    assert.deepEqual(buildReport([...records].reverse(), options(config, '2026-02-10', 'service')), report('service'));
  });

  it('flattens the figures to CSV, one row per group and figure', () => {
    const byService = report('service');
    const csv = reportToCsv(byService);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.equal(
      csv.split('\n')[0],
      'group_by,group,incidents,ongoing,figure,count,mean_seconds,median_seconds,p90_seconds,max_seconds,approximate,missing,missing_ongoing,missing_not_known,missing_no_impact',
    );
    // 7 figures × (all + 5 services).
    assert.equal(rows.length, 42);
    assert.deepEqual(rows[0], {
      group_by: 'all',
      group: 'all',
      incidents: '13',
      ongoing: '2',
      figure: 'duration',
      count: '11',
      mean_seconds: '6900',
      median_seconds: '5400',
      p90_seconds: '12000',
      max_seconds: '18000',
      approximate: '2',
      missing: '2',
      missing_ongoing: `${R10} ${R09}`,
      missing_not_known: '',
      missing_no_impact: '',
    });
    const apiMitigate = rows.find((row) => row.group === 'api' && row.figure === 'time to mitigate');
    // api: r09 1800, r12 4200, r06 1800~, r02 3600, r01 2400: 1800 1800 2400 3600 4200; sum 13800.
    assert.deepEqual(apiMitigate, {
      group_by: 'service',
      group: 'api',
      incidents: '5',
      ongoing: '1',
      figure: 'time to mitigate',
      count: '5',
      mean_seconds: '2760',
      median_seconds: '2400',
      p90_seconds: '4200',
      max_seconds: '4200',
      approximate: '1',
      missing: '0',
      missing_ongoing: '',
      missing_not_known: '',
      missing_no_impact: '',
    });
    const authAcknowledge = rows.find((row) => row.group === 'auth' && row.figure === 'time to acknowledge');
    assert.deepEqual(
      [authAcknowledge?.count, authAcknowledge?.mean_seconds, authAcknowledge?.missing, authAcknowledge?.missing_not_known],
      ['1', '120', '1', R10],
    );
    assert.deepEqual(
      rows.filter((row) => row.figure === 'duration').map((row) => row.group),
      ['all', 'api', 'auth', 'payments', 'search', '(none)'],
    );

    const empty = rows.find((row) => row.group === '(none)' && row.figure === 'time to mitigate');
    assert.deepEqual(
      [empty?.count, empty?.mean_seconds, empty?.median_seconds, empty?.missing_not_known],
      ['0', '', '', R05],
    );
  });
});

describe('report on the sample incidents', () => {
  let report: Report;

  before(async () => {
    const config = defaultConfig(ROOT);
    const records = await load(ROOT, config);
    report = buildReport(records, options(config, '2025-06-20', 'year'));
  });

  /*
   * 2022-10-25 messaging outage, London (+01:00), all times approximate:
   *   S ~08:05, D ~08:12, A ~08:15, M ~09:40, R ~10:02: duration 7020, detect 420, acknowledge 180, mitigate 5700.
   * 2024-03-29 order confirmations, Berlin, across the change to summer time:
   *   S 03-29 17:20 +01:00 (16:20Z), D 03-30 09:41 +01:00, A 10:05, M 13:30, R 04-01 10:05 +02:00 (08:05Z):
   *   duration 63 h 45 min = 229500, detect 16 h 21 min = 58860, acknowledge 1440, mitigate 20 h 10 min = 72600.
   * 2025-06-10 UPI payment failures, Kolkata, draft: S ~19:40, D 19:52, A 19:58, no M, no R:
   *   detect 720 (approximate), acknowledge 360, mitigate not known, duration ongoing.
   * 2024-07-02 CDN edge errors, Amsterdam (+02:00): D 14:56, S 15:00, A 15:03, I 15:31, M 15:49, R 18:00:
   *   duration 10800, detect -240 (proactive, counted as 0), acknowledge 420, identify 1860, mitigate 2940.
   * 2025-01-14 certificate near miss: set apart, in no figure.
   */
  it('counts and orders the samples, the near miss apart', () => {
    assert.deepEqual(
      report.incidents.map((incident) => [incident.id, incident.date, incident.durationSeconds, incident.ongoing]),
      [
        ['2025-06-10-upi-payment-failures', '2025-06-10', null, true],
        ['2024-07-02-cdn-edge-errors', '2024-07-02', 10800, false],
        ['2024-03-29-order-confirmation-delays', '2024-03-29', 229500, false],
        ['2022-10-25-messaging-outage', '2022-10-25', 7020, false],
      ],
    );
    assert.deepEqual([report.totals.incidents, report.totals.ongoing, report.totals.approximate], [4, 1, 2]);
    assert.deepEqual(report.setApart, { 'near-miss': 1, drill: 0 });
    assert.deepEqual(counts(report.totals.bySeverity), [
      ['SEV1', 2],
      ['SEV2', 2],
      ['SEV3', 0],
      ['SEV4', 0],
    ]);
    assert.deepEqual(
      report.groups.map((group) => [group.key, group.incidents]),
      [
        ['2022', 1],
        ['2023', 0],
        ['2024', 2],
        ['2025', 1],
      ],
    );
  });

  it('computes the figures of the samples', () => {
    const duration = figure(report, 'duration');
    // 7020, 10800, 229500; sum 247320.
    assert.deepEqual(only(duration), stats(3, 82440, 10800, 229500, 229500));
    assert.deepEqual(duration.missing, [{ id: '2025-06-10-upi-payment-failures', reason: 'ongoing' }]);
    assert.equal(duration.approximate, 1);
    // 0 (proactive), 420, 720, 58860; sum 60000; median (420 + 720) / 2.
    const detect = figure(report, 'time to detect');
    assert.deepEqual(only(detect), stats(4, 15000, 570, 58860, 58860));
    assert.deepEqual([detect.approximate, detect.proactive], [2, 1]);
    // 180, 360, 420, 1440; sum 2400.
    assert.deepEqual(only(figure(report, 'time to acknowledge')), stats(4, 600, 390, 1440, 1440));
    const mitigate = figure(report, 'time to mitigate');
    // 2940, 5700, 72600; sum 81240.
    assert.deepEqual(only(mitigate), stats(3, 27080, 5700, 72600, 72600));
    assert.deepEqual(mitigate.missing, [{ id: '2025-06-10-upi-payment-failures', reason: 'not known' }]);
  });

  it('counted in, the near miss written without impact-start is left out of the figures from impact-start for having had no impact', async () => {
    const config = defaultConfig(ROOT);
    const included = buildReport(await load(ROOT, config), { ...options(config, '2025-06-20', 'year'), include: ['near-miss'] });
    const nearMiss = '2025-01-14-certificate-expiry-near-miss';
    const reasons = (name: string) => figure(included, name).missing.filter((missing) => missing.id === nearMiss).map((missing) => missing.reason);
    assert.deepEqual([reasons('duration'), reasons('time to detect'), reasons('time to acknowledge')], [['no impact'], ['no impact'], []]);
    const csv = parse(reportToCsv(included), { columns: true }) as Record<string, string>[];
    assert.equal(csv.find((row) => row.group === 'all' && row.figure === 'duration')?.missing_no_impact, nearMiss);
  });

  it('reports the samples’ error budgets and overdue action items', () => {
    assert.deepEqual(
      report.errorBudget.map((row) => [row.slo, row.period, row.incidents, row.notCounted]),
      [
        ['Edge request availability', '2024', 1, []],
        ['Message delivery availability', '2022', 1, []],
        ['Order confirmation sent within 5 minutes', '2024', 1, []],
        ['UPI payment success rate', '2025', 1, ['2025-06-10-upi-payment-failures']],
      ],
    );
    // 3825 minutes × 35% = 1338.75 of 28 × 1440 × 0.5% = 201.6.
    const orders = report.errorBudget[2]!;
    assert.deepEqual([orders.budgetMinutes, orders.consumedMinutes, orders.approximate], [201.6, 1338.75, false]);
    // 117 minutes × 100%, approximate.
    const messaging = report.errorBudget[1]!;
    assert.deepEqual([messaging.consumedMinutes, messaging.approximate], [117, true]);
    // Two phases: 49 minutes × 85% + 131 minutes × 5% = 41.65 + 6.55 of 30 × 1440 × 0.1% = 43.2.
    const edge = report.errorBudget[0]!;
    assert.deepEqual([edge.budgetMinutes, edge.consumedMinutes, edge.approximate], [43.2, 48.2, false]);
    const upi = report.errorBudget[3]!;
    assert.deepEqual([upi.budgetMinutes, upi.consumedMinutes, upi.share], [216, 0, 0]);

    assert.equal(report.actions.total, 12);
    assert.deepEqual(
      report.actions.overdue.map((item) => [item.incident, item.due, item.daysOverdue, item.ageDays]),
      [
        ['2022-10-25-messaging-outage', '2022-11-30', 933, 969],
        ['2022-10-25-messaging-outage', '2022-12-15', 918, 969],
        ['2024-03-29-order-confirmation-delays', '2024-04-12', 434, 448],
        ['2024-03-29-order-confirmation-delays', '2024-04-19', 427, 448],
        ['2024-03-29-order-confirmation-delays', '2024-04-30', 416, 448],
        ['2024-03-29-order-confirmation-delays', '2024-05-15', 401, 448],
        ['2024-07-02-cdn-edge-errors', '2024-08-15', 309, 353],
        ['2024-07-02-cdn-edge-errors', '2024-09-30', 263, 353],
      ],
    );
    assert.deepEqual(report.repeatedServices, []);
  });
});

describe('report on incidents known only to the day (FORMAT.md v2)', () => {
  /*
   * d1, New York, across the start of daylight saving: S 2024-03-08 22:15, R 2024-03-12 (a date alone): 4 calendar days.
   * d2, UTC: S 2024-03-20 10:00, R 2024-03-20 (a date alone, the same day): less than a day, 0 whole days.
   */
  const incident = (id: string, zone: string, start: string, resolved: string) =>
    `id: ${id}\ntitle: ${id}\nseverity: SEV2\ntimezone: ${zone}\nsummary: s\nimpact:\n  description: d\ntimeline:\n` +
    `  - at: ${start}\n    kind: impact-start\n    text: a\n  - at: ${resolved}\n    kind: resolved\n    text: b\n`;
  let report: Report;

  before(async () => {
    const dir = tempDir('postmortem-report-days-');
    mkdirSync(join(dir, 'incidents'));
    writeFileSync(join(dir, 'incidents', 'd1.yaml'), incident('d1', 'America/New_York', '2024-03-08 22:15', '2024-03-12'));
    writeFileSync(join(dir, 'incidents', 'd2.yaml'), incident('d2', 'UTC', '2024-03-20 10:00', '2024-03-20'));
    const config = defaultConfig(dir);
    report = buildReport(await load(dir, config), options(config, '2024-04-01', 'month'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts whole days, marked approximate and known only to the day', () => {
    const duration = figure(report, 'duration');
    assert.deepEqual(only(duration), stats(2, 2 * 86_400, 2 * 86_400, 4 * 86_400, 4 * 86_400));
    assert.deepEqual([duration.approximate, duration.dayPrecision], [2, 2]);
    assert.deepEqual(
      report.incidents.map((row) => [row.id, row.durationSeconds, row.durationApproximate, row.durationPrecision]),
      [
        ['d2', 0, true, 'day'],
        ['d1', 4 * 86_400, true, 'day'],
      ],
    );
    assert.equal(report.periods[0]!.timeToResolve.approximate, 2);
  });

  it('shows them in whole days in the Markdown report, and the month medians as approximate', async () => {
    const loaded = await loadReportTemplates();
    assert.ok(loaded.ok);
    const markdown = renderReportMarkdown(report, loaded.templates);
    assert.match(markdown, /\| \[d1\]\([^)]*\) \| d1 \| 2024-03-08 \| SEV2 \| \\~4 days \|/);
    assert.match(markdown, /\| \\~less than a day \|/);
    assert.match(markdown, /\| 2 \(2 approximate, 2 known only to the day\) \|/);
    assert.match(markdown, /\| 2024-03 \| 2 \|( \d+ \|){4} \\~2 days \| \\~4 days \|/);
  });
});

describe('report --as-of bounds the report', () => {
  /*
   * As of 2025-09-14 (each incident's own day): r01–r07 had started, r08–r13
   * had not (left out). r07 started at 20:00 on 14 September in Los Angeles
   * and was resolved at 01:00 on the 15th, so on the as-of day it is ongoing:
   * its duration and time to resolve are left out as ongoing, its error budget
   * is not counted yet; it was mitigated on the 14th (7200 s), which counts.
   */
  const AS_OF = '2025-09-14';
  let config: ResolvedConfig;
  let report: Report;

  before(async () => {
    const loaded = await loadConfig(REPORT_DIR);
    config = loaded.config;
    report = buildReport(await load(REPORT_DIR, config), options(config, AS_OF, 'month'));
  });

  it('leaves out the incidents that started after the as-of day, and counts them', () => {
    assert.deepEqual(
      report.incidents.map((incident) => incident.id),
      [R07, R06, R05, R04, R03, R02, R01],
    );
    assert.equal(report.startedAfterAsOf, 6);
    assert.deepEqual([report.totals.incidents, report.totals.ongoing], [7, 1]);
    assert.deepEqual(
      report.periods.map((row) => [row.period, row.incidents]),
      [
        ['2025-03', 1],
        ['2025-04', 2],
        ['2025-05', 2],
        ['2025-06', 1],
        ['2025-07', 0],
        ['2025-08', 0],
        ['2025-09', 1],
      ],
    );
  });

  it('counts no milestone after the as-of day: an incident resolved later is ongoing', () => {
    const r07 = report.incidents.find((incident) => incident.id === R07)!;
    assert.deepEqual([r07.ongoing, r07.durationSeconds], [true, null]);
    // 1800, 2700~, 3600, 5400, 7200, 10800~: sum 31500.
    const duration = figure(report, 'duration');
    assert.deepEqual(only(duration), stats(6, 5250, 4500, 10800, 10800));
    assert.deepEqual(duration.missing, [{ id: R07, reason: 'ongoing' }]);
    assert.deepEqual(figure(report, 'time to resolve').missing, [{ id: R07, reason: 'ongoing' }]);
    // Mitigated on the 14th: r07's 7200 counts (with r01 2400, r02 3600, r03 2700, r04 3000, r06 1800~).
    assert.deepEqual(only(figure(report, 'time to mitigate')), stats(6, 3450, 2850, 7200, 7200));
    const payments = report.errorBudget.find((row) => row.slo === 'Payment success' && row.period === '2025-09')!;
    assert.deepEqual([payments.incidents, payments.consumedMinutes, payments.notCounted], [1, 0, [R07]]);
    assert.equal(report.longest.some((incident) => incident.id === R07), false);
  });

  it('groups only the incidents that had started: r11 and r13 had not', () => {
    assert.deepEqual(report.relatedGroups, [
      { count: 2, incidents: [R03, R06] },
      { count: 2, incidents: [R04, R07] },
    ]);
  });

  it('counts the as-of day itself: as of the 15th, r07 is resolved and its budget counted', async () => {
    const next = buildReport(await load(REPORT_DIR, config), options(config, '2025-09-15', 'month'));
    assert.equal(next.startedAfterAsOf, 6);
    const r07 = next.incidents.find((incident) => incident.id === R07)!;
    assert.deepEqual([r07.ongoing, r07.durationSeconds], [false, 18000]);
    // 300 minutes × 60%.
    const payments = next.errorBudget.find((row) => row.slo === 'Payment success' && row.period === '2025-09')!;
    assert.deepEqual([payments.consumedMinutes, payments.notCounted], [180, []]);
  });
});

describe('CSV cells spreadsheets would run', () => {
  // OWASP's list: =, +, -, @, tab, carriage return; and the full-width forms some spreadsheets read as them.
  const formulas = ['=HYPERLINK("https://evil.example.com","x")', '+1', '-dash', '@SUM(A1)', '\tTab', '\rCR', '\uFF1D1+1'];

  it('get a single quote in front and the cell quoted by default; numbers stay numbers', () => {
    const csv = toCsv(['text', 'number', 'plain'], [...formulas.map((text) => [text, -5, 'a-b']), ["'=already quoted", 3, null]]);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((row) => row.text),
      [...formulas.map((text) => `'${text}`), "'=already quoted"],
    );
    assert.ok(rows.every((row) => row.plain === 'a-b' || row.plain === ''));
    assert.match(csv, /^"'=HYPERLINK\(""https:\/\/evil\.example\.com"",""x""\)",-5,a-b$/m);
    assert.match(csv, /^"'\+1",-5,a-b$/m);
    assert.match(csv, /^"'-dash",-5,a-b$/m);
    assert.match(csv, /^"'\tTab",-5,a-b$/m);
  });

  it('are written as they are with raw', () => {
    const csv = toCsv(['text', 'number'], formulas.map((text) => [text, -5]), { raw: true });
    assert.deepEqual(
      (parse(csv, { columns: true }) as Record<string, string>[]).map((row) => row.text),
      formulas,
    );
    assert.match(csv, /^\+1,-5$/m);
  });

  it('report --format csv: a group named like a formula is neutralised, unless raw', () => {
    const report = JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report;
    report.groups[0]!.key = '=cmd|\' /C calc\'!A0';
    const group = (csv: string) => (parse(csv, { columns: true }) as Record<string, string>[]).find((row) => row.group_by !== 'all')!.group;
    assert.equal(group(reportToCsv(report)), "'=cmd|' /C calc'!A0");
    assert.equal(group(reportToCsv(report, { raw: true })), "=cmd|' /C calc'!A0");
  });
});
