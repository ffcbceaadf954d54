import { NEW_FILE_TEXT } from '../checks/phrases.js';
import type { SeverityLevel } from '../config/config.js';
import { Document } from 'yaml';
import { quoteAsFmtDoes, yamlInline } from './yaml-text.js';

/** What `postmortem new` knows when it writes a new incident file. */
export interface NewIncident {
  id: string;
  title: string;
  severity: string;
  services: readonly string[];
  timezone: string;
  /** The impact-start time as it is written in the file. */
  started: string;
  /** What an import brings (see src/import/): its own texts and events instead of the ones `new` writes. */
  imported?: ImportedParts;
}

/** The parts of an imported incident that a new file writes. */
export interface ImportedParts {
  /** Markdown; `NEW_FILE_TEXT` when the source has none. */
  summary?: string;
  /** Markdown for `impact.description`; `NEW_FILE_TEXT` when the source has none. */
  impact?: string;
  tags?: readonly string[];
  roles?: Readonly<Record<string, string>>;
  links?: readonly { title: string; url: string }[];
  /** The timeline's item lines, as `eventLines` writes them at columns 2 and 4. */
  timeline: readonly string[];
  /** Where it came from: the `x-imported` note. */
  note: { source: string; id?: string; url?: string };
}

export interface ScaffoldOptions {
  severities: readonly SeverityLevel[];
  /** The schema path relative to the new file, for the editor modeline; `null` leaves the modeline out. */
  schemaPath: string | null;
}

/**
 * The text of a new incident file: every section of FORMAT.md present, in
 * its order, with a short comment saying what goes there. The file is a
 * valid draft as written. The two texts a file cannot be without (summary,
 * impact) hold `NEW_FILE_TEXT`, which the placeholder-text check reports
 * until it is replaced (an error once the incident is final), so it never
 * passes for content; other sections (root cause, trigger…) are left as
 * comments to fill in.
 */
export function scaffoldIncident(incident: NewIncident, options: ScaffoldOptions): string {
  const levels = options.severities.map((level) => level.id).join(' | ');
  const { imported } = incident;
  const lines = [
    ...(options.schemaPath ? [`# yaml-language-server: $schema=${options.schemaPath}`] : []),
    `id: ${yamlInline(incident.id)}`,
    `title: ${yamlInline(incident.title)}`,
    'status: draft               # draft while it runs; `postmortem resolve` moves it to review; final when agreed',
    `severity: ${yamlInline(incident.severity)}${pad(`severity: ${yamlInline(incident.severity)}`)}# ${levels}`,
    `timezone: ${yamlInline(incident.timezone)}${pad(`timezone: ${yamlInline(incident.timezone)}`)}# times without an offset are read in this zone`,
    `services: ${yamlInline(incident.services)}`,
    'regions: []                 # where users were affected, e.g. [eu-west-1]',
    `tags: ${yamlInline(imported?.tags ?? [])}`,
    'authors: []                 # who writes this postmortem',
    imported?.roles && Object.keys(imported.roles).length > 0
      ? ['roles:', ...pairs(imported.roles, '  ')].join('\n')
      : 'roles: {}                   # e.g. incident_commander: Sam Okafor, communications: Lea Martin',
    '',
    '# What happened, in two or three sentences, for someone outside the team.',
    ...(imported?.summary ? blockText('summary', imported.summary) : ['summary: |', `  ${NEW_FILE_TEXT}`]),
    '',
    'impact:',
    '  # What users experienced, and for how long.',
    ...(imported?.impact ? blockText('description', imported.impact).map((line) => (line ? `  ${line}` : line)) : ['  description: |', `    ${NEW_FILE_TEXT}`]),
    '  # users_affected: 1200',
    '  # metrics:',
    '  #   - { name: Failed checkouts, value: 4.2, unit: "%" }',
    '  # slo: { name: Checkout availability, objective: 99.9, window_days: 30, error_rate: 5 }',
    '',
    '# What happened when. Add events as they happen:',
    `#   postmortem log ${incident.id} "what happened" [--kind detected|acknowledged|identified|mitigated|…] [--at 14:05]`,
    '# and close with `postmortem resolve`.',
    'timeline:',
    ...(imported?.timeline ?? [`  - at: ${yamlInline(incident.started)}`, '    kind: impact-start', '    text: Impact began.']),
    '',
    '# Fill these in for the review; root_cause and one lesson are needed before `status: final`.',
    '# trigger: What set the incident off (a deploy, a configuration push, a traffic spike).',
    '# root_cause: |',
    '#   Why it happened.',
    'contributing_factors: []',
    '# detection: How we found out, and how long that took.',
    '# resolution: What ended the impact.',
    '',
    'lessons:',
    '  went_well: []',
    '  went_wrong: []',
    '  lucky: []',
    '',
    '# - { title: Stage configuration pushes, owner: Routing team, type: prevent, priority: P1, due: 2026-12-31 }',
    '#   type: prevent | detect | mitigate | process | other; priority: P0..P3; status: open | in-progress | done | wont-do',
    'action_items: []',
    '',
    imported?.links?.length ? ['links:', ...imported.links.flatMap((link) => pairs(link, '    ').map((line, i) => (i === 0 ? `  - ${line.trimStart()}` : line)))].join('\n') : 'links: []                   # - { title: Dashboard, url: https://… }',
    '',
    '# related: [2026-10-03-checkout-latency]   # ids of other incidents: the same cause, a repeat, a follow-on',
    ...(imported ? ['', '# Imported by `postmortem import`, which skips what this file already has when run again.', 'x-imported:', ...pairs(imported.note, '  ')] : []),
  ];
  return `${lines.join('\n')}\n`;
}

const COMMENT_COLUMN = 28;

/** `key: value` lines of a block mapping, each value as YAML needs it; absent values are left out. */
function pairs(record: Readonly<Record<string, string | undefined>>, indent: string): string[] {
  return Object.entries(record).flatMap(([key, value]) => (value === undefined ? [] : [`${indent}${yamlInline(key)}: ${yamlInline(value)}`]));
}

/** `key: |` and the text's lines, as the YAML library writes a block scalar (keeping leading spaces and trailing lines exactly). */
function blockText(key: string, text: string): string[] {
  return quoteAsFmtDoes(new Document({ [key]: text }))
    .toString({ lineWidth: 0, blockQuote: 'literal' })
    .replace(/\n$/, '')
    .split('\n');
}

function pad(line: string): string {
  return ' '.repeat(Math.max(1, COMMENT_COLUMN - line.length));
}
