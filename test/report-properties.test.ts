/**
 * Properties of the report on random incident sets: its statistics, groups
 * and filters agree with a naive recomputation written here, independently of
 * the code under test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type ReportOptions, buildReport } from '../src/report/build-report.js';
import type { ActionRecord, ErrorBudgetRecord, FigureRecord, IncidentRecord } from '../src/report/records.js';
import type { FigureStats, GroupBy, IncidentFilters, Stats } from '../src/report/report-model.js';
import { computeStats } from '../src/report/stats.js';
import { INCIDENT_TYPES, SET_APART_TYPES, type Status } from '../src/schema/vocabulary.js';

const RUNS = { numRuns: 200 };
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const SERVICES = ['api', 'auth', 'db', 'web'];
const TAGS = ['deploy', 'network', 'vendor'];
const STATUSES: Status[] = ['draft', 'review', 'final'];
const FIGURES = ['duration', 'time to detect', 'time to resolve'];
const DAY = 86_400_000;
/** 2023-01-01T00:00Z. */
const EPOCH = Date.UTC(2023, 0, 1);

function dateOf(day: number): string {
  return new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- arbitraries

const figureArb = (name: string): fc.Arbitrary<FigureRecord> => {
  // Time to detect may be negative: detection before impact (proactive), which statistics count as 0.
  const detect = name === 'time to detect';
  const milestones = { from: 'impact-start', to: detect ? 'detected' : 'resolved' } as const;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ seconds: fc.integer({ min: detect ? -3_600 : 0, max: 200_000 }), approximate: fc.boolean(), days: fc.boolean() })
        // A figure known only to the day is whole days, and approximate.
        .map(({ seconds, approximate, days }) =>
          days
            ? { name, ...milestones, state: 'known' as const, seconds: Math.round(seconds / 86_400) * 86_400 || 0, approximate: true, precision: 'day' as const }
            : { name, ...milestones, state: 'known' as const, seconds, approximate, precision: 'time' as const },
        ),
    },
    { weight: 1, arbitrary: fc.constant<FigureRecord>({ name, ...milestones, state: 'ongoing', seconds: null, approximate: false, precision: 'time' }) },
    { weight: 1, arbitrary: fc.constant<FigureRecord>({ name, ...milestones, state: 'unknown', seconds: null, approximate: false, precision: 'time' }) },
  );
};

const budgetArb: fc.Arbitrary<ErrorBudgetRecord | null> = fc.option(
  fc.record({
    slo: fc.constantFrom('Availability', 'Latency'),
    budgetMinutes: fc.constantFrom(108, 216),
    windowDays: fc.constantFrom(28, 30),
    consumedMinutes: fc.option(fc.integer({ min: 0, max: 500 })),
    approximate: fc.boolean(),
  }).map(({ slo, budgetMinutes, windowDays, consumedMinutes, approximate }) => ({
    slo,
    windowDays,
    budgetMinutes,
    consumedMinutes,
    consumedShare: consumedMinutes === null ? null : consumedMinutes / budgetMinutes,
    approximate,
  })),
);

const actionArb = fc.record({
  owner: fc.constantFrom('Ana', 'Bo', 'Cy'),
  type: fc.option(fc.constantFrom('prevent', 'detect', 'process')),
  status: fc.constantFrom<ActionRecord['status']>('open', 'in-progress', 'done', 'wont-do'),
  due: fc.option(fc.integer({ min: 0, max: 1200 })),
});

const incidentArb = fc.record({
  day: fc.integer({ min: 0, max: 1100 }),
  minute: fc.integer({ min: 0, max: 1439 }),
  severity: fc.constantFrom(...SEVERITIES),
  status: fc.constantFrom(...STATUSES),
  services: fc.subarray(SERVICES),
  tags: fc.subarray(TAGS),
  startApproximate: fc.boolean(),
  figures: fc.tuple(...FIGURES.map(figureArb)),
  errorBudget: budgetArb,
  actions: fc.array(actionArb, { maxLength: 3 }),
  // By position: some name no incident of the list (there are at most 30), some the incident itself.
  related: fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 3 }),
});

/** Random incident records, with unique ids; times may tie. */
const recordsArb: fc.Arbitrary<IncidentRecord[]> = fc.array(incidentArb, { maxLength: 30 }).map((incidents) =>
  incidents.map((incident, position) => {
    const id = `inc-${String(position).padStart(2, '0')}`;
    const instant = EPOCH + incident.day * DAY + incident.minute * 60_000;
    const date = dateOf(incident.day);
    const ongoing = incident.figures[0]?.state === 'ongoing';
    return {
      id,
      title: `Incident ${position}`,
      file: `${id}.yaml`,
      status: incident.status,
      type: 'incident' as const,
      severity: incident.severity,
      severityRank: SEVERITIES.indexOf(incident.severity),
      zone: 'UTC',
      services: incident.services,
      regions: [],
      tags: incident.tags,
      start: { instant, iso: new Date(instant).toISOString(), date, approximate: incident.startApproximate },
      resolved: ongoing ? null : { instant: instant + 3_600_000, iso: '', date, approximate: false },
      // Only the start's day: the as-of day below is after every incident.
      milestoneDates: { 'impact-start': date },
      figures: incident.figures,
      errorBudget: incident.errorBudget,
      actions: incident.actions.map((action, index) => ({
        incident: id,
        index,
        title: `Action ${index}`,
        owner: action.owner,
        type: action.type,
        priority: null,
        status: action.status,
        due: action.due === null ? null : dateOf(action.due),
        ticket: null,
      })),
      related: [...new Set(incident.related)].filter((other) => other !== position).map((other) => `inc-${String(other).padStart(2, '0')}`),
    };
  }),
);

const filtersArb: fc.Arbitrary<IncidentFilters> = fc.record(
  {
    since: fc.integer({ min: 0, max: 1100 }).map(dateOf),
    until: fc.integer({ min: 0, max: 1100 }).map(dateOf),
    services: fc.subarray(SERVICES),
    severities: fc.subarray(SEVERITIES),
    tags: fc.subarray(TAGS),
    statuses: fc.subarray(STATUSES),
  },
  { requiredKeys: [] },
);

const groupByArb = fc.constantFrom<GroupBy>('month', 'quarter', 'year', 'service', 'severity');

function options(groupBy: GroupBy, filters: IncidentFilters = {}): ReportOptions {
  // After every incident (the last starts on 2026-01-05): as-of leaves none out here.
  return { asOf: '2026-12-31', groupBy, filters, severities: SEVERITIES, figureNames: FIGURES, link: (id) => `${id}.md` };
}

// ---------------------------------------------------------------- naive recomputation

function naiveStats(values: number[]): Stats {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  let total = 0;
  for (const value of values) total += value; // integers: exact in any order
  // Nearest rank: the first position k (1-based) where at least 90% of the values are at or below it.
  let k = 1;
  while (k * 10 < 9 * n) k += 1;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { count: n, mean: total / n, median, p90: sorted[k - 1]!, max: Math.max(...values) };
}

function naiveFigure(records: IncidentRecord[], name: string): Omit<FigureStats, 'name'> {
  const ordered = [...records].sort((a, b) => (a.start.instant !== b.start.instant ? b.start.instant - a.start.instant : a.id < b.id ? -1 : 1));
  const values: number[] = [];
  let approximate = 0;
  let dayPrecision = 0;
  let proactive = 0;
  const missing: FigureStats['missing'] = [];
  for (const record of ordered) {
    const figure = record.figures.find((candidate) => candidate.name === name)!;
    if (figure.state === 'known') {
      const early = figure.to === 'detected' && figure.seconds! < 0;
      values.push(early ? 0 : figure.seconds!);
      if (figure.approximate) approximate += 1;
      if (figure.precision === 'day') dayPrecision += 1;
      if (early) proactive += 1;
    } else {
      missing.push({ id: record.id, reason: figure.state === 'ongoing' ? 'ongoing' : 'not known' });
    }
  }
  const first = records.map((record) => record.figures.find((candidate) => candidate.name === name)).find((figure) => figure !== undefined);
  return { from: first?.from ?? null, to: first?.to ?? null, ...naiveStats(values), approximate, dayPrecision, proactive, missing };
}

function naiveKeys(record: IncidentRecord, groupBy: GroupBy): string[] {
  const [year, month] = record.start.date.split('-').map(Number) as [number, number];
  switch (groupBy) {
    case 'month':
      return [record.start.date.slice(0, 7)];
    case 'quarter':
      return [`${year}-Q${Math.floor((month - 1) / 3) + 1}`];
    case 'year':
      return [String(year)];
    case 'severity':
      return [record.severity];
    case 'service':
      return record.services.length > 0 ? record.services : ['(none)'];
  }
}

/** How many periods from the first incident's to the last one's. */
function naivePeriodCount(records: IncidentRecord[], groupBy: 'month' | 'quarter' | 'year'): number {
  if (records.length === 0) return 0;
  const index = (record: IncidentRecord) => {
    const [year, month] = record.start.date.split('-').map(Number) as [number, number];
    if (groupBy === 'year') return year;
    if (groupBy === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
    return year * 12 + month - 1;
  };
  const indexes = records.map(index);
  return Math.max(...indexes) - Math.min(...indexes) + 1;
}

function naiveMatches(record: IncidentRecord, filters: IncidentFilters): boolean {
  const anyOf = (wanted: string[] | undefined, have: string[]) => !wanted || wanted.length === 0 || have.some((value) => wanted.includes(value));
  return (
    (!filters.since || record.start.date >= filters.since) &&
    (!filters.until || record.start.date <= filters.until) &&
    anyOf(filters.services, record.services) &&
    anyOf(filters.severities, [record.severity]) &&
    anyOf(filters.tags, record.tags) &&
    anyOf(filters.statuses, [record.status])
  );
}

// ---------------------------------------------------------------- properties

describe('report properties', () => {
  it('statistics equal a naive recomputation', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 60 }), (values) => {
        assert.deepEqual(computeStats(values), naiveStats(values));
      }),
      RUNS,
    );
  });

  it('figure statistics over all incidents equal a naive recomputation', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const report = buildReport(records, options('month'));
        for (const name of FIGURES) {
          const { name: reported, ...rest } = report.figures.find((figure) => figure.name === name)!;
          assert.equal(reported, name);
          assert.deepEqual(rest, naiveFigure(records, name));
        }
        assert.equal(report.totals.incidents, records.length);
        assert.equal(report.totals.ongoing, records.filter((record) => record.resolved === null).length);
      }),
      RUNS,
    );
  });

  it('each group has exactly its incidents, with their statistics', () => {
    fc.assert(
      fc.property(recordsArb, groupByArb, (records, groupBy) => {
        const report = buildReport(records, options(groupBy));
        const groupSizes = report.groups.reduce((sum, group) => sum + group.incidents, 0);
        if (groupBy === 'service') {
          assert.equal(groupSizes, records.reduce((sum, record) => sum + Math.max(1, record.services.length), 0));
        } else {
          assert.equal(groupSizes, records.length);
        }
        if (groupBy === 'severity') assert.deepEqual(report.groups.map((group) => group.key), SEVERITIES);
        if (groupBy === 'month' || groupBy === 'quarter' || groupBy === 'year') {
          assert.equal(report.groups.length, naivePeriodCount(records, groupBy));
          assert.deepEqual(report.groups.map((group) => group.key), report.periods.map((row) => row.period));
          const keys = report.groups.map((group) => group.key);
          assert.deepEqual(keys, [...keys].sort());
          assert.equal(new Set(keys).size, keys.length);
        }
        // Every incident's keys are groups.
        const keys = new Set(report.groups.map((group) => group.key));
        for (const record of records) for (const key of naiveKeys(record, groupBy)) assert.ok(keys.has(key), key);
        for (const group of report.groups) {
          const members = records.filter((record) => naiveKeys(record, groupBy).includes(group.key));
          assert.equal(group.incidents, members.length, group.key);
          assert.equal(group.ongoing, members.filter((record) => record.resolved === null).length);
          for (const name of FIGURES) {
            const figure = group.figures.find((candidate) => candidate.name === name)!;
            assert.deepEqual({ ...figure, name: undefined }, { ...naiveFigure(members, name), name: undefined }, `${group.key} ${name}`);
          }
        }
      }),
      RUNS,
    );
  });

  it('related groups are the linked incidents of the report, found by a naive closure', () => {
    fc.assert(
      fc.property(recordsArb, filtersArb, (records, filters) => {
        const report = buildReport(records, options('month', filters));
        const kept = new Set(report.incidents.map((incident) => incident.id));
        // Linked both ways, among the report's incidents only.
        const links = new Map<string, Set<string>>([...kept].map((id) => [id, new Set<string>()]));
        for (const record of records) {
          if (!kept.has(record.id)) continue;
          for (const other of record.related) {
            if (!kept.has(other)) continue;
            links.get(record.id)!.add(other);
            links.get(other)!.add(record.id);
          }
        }
        const closure = (id: string): Set<string> => {
          const seen = new Set([id]);
          for (const at of seen) for (const next of links.get(at)!) seen.add(next);
          return seen;
        };
        const start = new Map(records.map((record) => [record.id, record.start.instant]));
        const oldestFirst = (a: string, b: string) => start.get(a)! - start.get(b)! || (a < b ? -1 : 1);
        const expected = [...new Set([...kept].map((id) => [...closure(id)].sort(oldestFirst).join(' ')))]
          .map((joined) => joined.split(' '))
          .filter((ids) => ids.length >= 2)
          .sort((a, b) => b.length - a.length || oldestFirst(a[0]!, b[0]!));
        assert.deepEqual(
          report.relatedGroups,
          expected.map((ids) => ({ count: ids.length, incidents: ids })),
        );
      }),
      RUNS,
    );
  });

  it('period rows count the incidents of each period and their time to resolve', () => {
    fc.assert(
      fc.property(recordsArb, fc.constantFrom<GroupBy>('month', 'quarter', 'year'), (records, groupBy) => {
        const report = buildReport(records, options(groupBy));
        for (const row of report.periods) {
          const members = records.filter((record) => naiveKeys(record, groupBy)[0] === row.period);
          assert.equal(row.incidents, members.length);
          assert.deepEqual(
            row.bySeverity.map((count) => count.count),
            SEVERITIES.map((severity) => members.filter((record) => record.severity === severity).length),
          );
          const { count, mean, median, p90, max, approximate } = naiveFigure(members, 'time to resolve');
          assert.deepEqual(row.timeToResolve, { count, mean, median, p90, max, approximate });
        }
      }),
      RUNS,
    );
  });

  it('covers an incident exactly when a naive predicate says so, newest first', () => {
    fc.assert(
      fc.property(recordsArb, filtersArb, groupByArb, (records, filters, groupBy) => {
        const report = buildReport(records, options(groupBy, filters));
        const expected = records
          .filter((record) => naiveMatches(record, filters))
          .sort((a, b) => b.start.instant - a.start.instant || (a.id < b.id ? -1 : 1))
          .map((record) => record.id);
        assert.deepEqual(
          report.incidents.map((incident) => incident.id),
          expected,
        );
        assert.equal(report.totals.incidents, expected.length);
        const kept = new Set(expected);
        assert.equal(
          report.actions.total,
          records.filter((record) => kept.has(record.id)).reduce((sum, record) => sum + record.actions.length, 0),
        );
      }),
      RUNS,
    );
  });

  it('leaves near misses and drills out, counted apart, unless included: then they count as incidents', () => {
    const typesArb = fc.array(fc.constantFrom(...INCIDENT_TYPES), { minLength: 30, maxLength: 30 });
    fc.assert(
      fc.property(recordsArb, typesArb, fc.subarray([...SET_APART_TYPES]), groupByArb, (records, types, include, groupBy) => {
        const typed = records.map((record, index) => ({ ...record, type: types[index]! }));
        const counted = typed.filter((record) => record.type === 'incident' || include.includes(record.type));
        const report = buildReport(typed, { ...options(groupBy), include });
        const { setApart, include: included, ...rest } = report;
        const { setApart: none, include: alsoIncluded, ...expected } = buildReport(counted, { ...options(groupBy), include });
        assert.deepEqual(rest, expected);
        assert.deepEqual(alsoIncluded, included);
        assert.deepEqual(none, { 'near-miss': 0, drill: 0 });
        assert.deepEqual(included, SET_APART_TYPES.filter((type) => include.includes(type)));
        for (const type of SET_APART_TYPES) {
          assert.equal(setApart[type], include.includes(type) ? 0 : typed.filter((record) => record.type === type).length);
        }
      }),
      RUNS,
    );
  });

  it('is the same whatever the order of the records', () => {
    fc.assert(
      fc.property(
        recordsArb.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length }))),
        groupByArb,
        ([records, shuffled], groupBy) => {
          assert.deepEqual(buildReport(shuffled, options(groupBy)), buildReport(records, options(groupBy)));
        },
      ),
      RUNS,
    );
  });

  it('sums error budgets per SLO and period over the incidents whose consumption is known', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const report = buildReport(records, options('month'));
        const withSlo = records.filter((record) => record.errorBudget !== null);
        assert.equal(
          report.errorBudget.reduce((sum, row) => sum + row.incidents, 0),
          withSlo.length,
        );
        for (const row of report.errorBudget) {
          const members = withSlo.filter((record) => record.errorBudget!.slo === row.slo && record.start.date.slice(0, 7) === row.period);
          const counted = members.filter((record) => record.errorBudget!.consumedMinutes !== null);
          assert.equal(row.incidents, members.length);
          assert.equal(row.consumedMinutes, counted.reduce((sum, record) => sum + record.errorBudget!.consumedMinutes!, 0));
          assert.equal(row.budgetMinutes, Math.max(...members.map((record) => record.errorBudget!.budgetMinutes)));
          // The window of that budget: of the incidents with the largest budget, the longest window.
          const largest = members.filter((record) => record.errorBudget!.budgetMinutes === row.budgetMinutes);
          assert.equal(row.windowDays, Math.max(...largest.map((record) => record.errorBudget!.windowDays)));
          assert.equal(row.approximate, counted.some((record) => record.errorBudget!.approximate));
          assert.deepEqual(new Set(row.notCounted), new Set(members.filter((record) => record.errorBudget!.consumedMinutes === null).map((record) => record.id)));
        }
      }),
      RUNS,
    );
  });
});
