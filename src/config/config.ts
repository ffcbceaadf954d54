import { lstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { type Diagnostic, type Position, compareDiagnostics } from '../diagnostics/diagnostic.js';
import { type FileDiagnostics, fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { quote } from '../diagnostics/quote.js';
import type { ConfigData } from '../schema/config-schema.js';
import { type CompiledValidator, SchemaValidator } from '../schema/validate-schema.js';
import { config as validateConfig } from '../schema/validators.generated.js';
import { keyRange, keysInOrder, valueRange } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import { CONFIGURATION_FILE } from '../source/yaml-file-kind.js';
import { CONFIGURATION_SIZE, readSourceFile } from '../source/source-file.js';
import { zoneNameProblem } from '../time/canonical-zone.js';
import { reportControlCharacters } from '../rules/control-characters.js';
import { type CheckSettings, phraseKey, resolveChecks } from './checks.js';
import { type FigureDefinition, mergeFigures } from './figures.js';
import { BLAMING_PHRASES } from '../checks/phrases.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { displayPath } from '../pipeline/paths.js';

export const CONFIG_FILE_NAMES = ['postmortem.config.yaml', 'postmortem.config.yml'] as const;

export interface SeverityLevel {
  id: string;
  description: string;
}

/** The configuration with defaults applied and folders made absolute. */
export interface ResolvedConfig {
  /** The configuration file, or `null` when defaults are used. */
  file: string | null;
  /** The folder relative paths are read from: the configuration file's, else the working directory. */
  root: string;
  incidents: string;
  /** Where the configuration file sets `incidents`, for a message about that folder; absent when it is the default. */
  incidentsSetAt?: Position & { file: string };
  out: string;
  timezone: string;
  /** Whether the configuration names `timezone` (else it is UTC by default): an import then writes its times in it rather than in the source's zone. */
  timezoneNamed: boolean;
  severities: SeverityLevel[];
  templates: string | null;
  figures: FigureDefinition[];
  /** Ticket addresses by tracker prefix (`OPS` → `https://…/browse/{key}`). */
  trackers: Record<string, string>;
  /** Zones shown beside every time of a postmortem, besides the incident's own. */
  displayZones: string[];
  /** The review checks' levels and blaming phrases (`checks`). */
  checks: CheckSettings;
  /** `import.severity_map`: a source's severity label → a configured level. */
  importSeverityMap: Record<string, string>;
}

export const DEFAULT_SEVERITIES: readonly SeverityLevel[] = [
  { id: 'SEV1', description: 'Critical, widespread customer impact' },
  { id: 'SEV2', description: 'Major customer impact' },
  { id: 'SEV3', description: 'Minor, limited customer impact' },
  { id: 'SEV4', description: 'No customer impact' },
];

export function defaultConfig(root: string): ResolvedConfig {
  return resolveConfig({}, null, root);
}

/** Looks for a configuration file in `cwd` and each folder above it. */
export function findConfigFile(cwd: string): string | null {
  let folder = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(folder, name);
      // A link whose target is missing is still the configuration named here: reading it reports it, rather than a parent's being used.
      if (lstatSync(candidate, { throwIfNoEntry: false })) return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

export interface LoadedConfig {
  config: ResolvedConfig;
  diagnostics: Diagnostic[];
}

let validator: SchemaValidator | undefined;

/**
 * Loads `explicitPath`, or the configuration found from `cwd` upwards, or the
 * defaults. Problems come back as diagnostics like an incident's; with errors
 * the defaults are used so that callers can still report them.
 */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig> {
  const file = explicitPath ? resolve(cwd, explicitPath) : findConfigFile(cwd);
  if (!file) return { config: defaultConfig(cwd), diagnostics: [] };
  const shown = displayPath(file, cwd);
  const read = await readSourceFile(file, shown, CONFIGURATION_SIZE);
  if (!read.ok) return { config: defaultConfig(cwd), diagnostics: read.diagnostics.list };

  const parsed = parseYaml(read.source, CONFIGURATION_FILE);
  const report = parsed.diagnostics;
  const ignored = explicitPath ? null : ignoredBeside(file, cwd);
  const withIgnored = (list: Diagnostic[]) => (ignored ? [...list, ignored] : list);
  // An empty configuration file (or one holding only comments) means "all defaults"; one the parser refused
  // before reading any document (a lone CR, say) is an error, not an empty file.
  const empty = parsed.document?.contents == null && report.list.every((problem) => problem.rule === 'not-a-mapping');
  const data = empty ? {} : parsed.data;
  if (empty) report.list.length = 0;
  if (report.hasErrors || data === null) return { config: defaultConfig(cwd), diagnostics: withIgnored(report.list) };

  validator ??= new SchemaValidator(validateConfig as CompiledValidator, 'the configuration');
  const schemaValid = validator.check(data, parsed.document, report);
  // The checks below read only values of the right type, so they run even when the schema found problems.
  const loose = data as Partial<Record<keyof ConfigData, unknown>>;
  const zoneProblem = typeof loose.timezone === 'string' ? zoneNameProblem(loose.timezone) : null;
  if (zoneProblem) report.add(valueRange(parsed.document, ['timezone']), { rule: 'unknown-timezone', ...zoneProblem });
  if (Array.isArray(loose.display_zones)) {
    loose.display_zones.forEach((zone: unknown, index, zones) => {
      const problem = typeof zone === 'string' && zone !== '' ? zoneNameProblem(zone) : null;
      if (problem) report.add(valueRange(parsed.document, ['display_zones', index]), { rule: 'unknown-timezone', ...problem });
      else if (typeof zone === 'string' && zones.indexOf(zone) < index) {
        report.add(valueRange(parsed.document, ['display_zones', index]), {
          rule: 'invalid-value',
          message: `Unexpected second ${quote(zone)} in \`display_zones\`: every time would show it twice`,
          hint: 'List each zone once.',
        });
      }
    });
  }
  if (typeof loose.templates === 'string' && loose.templates) {
    const info = await stat(resolve(dirname(file), loose.templates)).catch(() => null);
    if (!info?.isDirectory()) {
      report.add(valueRange(parsed.document, ['templates']), {
        rule: 'invalid-value',
        message: `Unexpected ${quote(`templates: ${loose.templates}`)}: ${info ? 'not a folder' : 'no such folder'}`,
        hint: 'Name a folder of .hbs files, relative to this configuration file, or remove the key to use the built-in templates.',
      });
    }
  }
  reportUnknownRemovals(loose.checks, parsed.document, report);
  // Its severities, figure names and tracker addresses reach postmortems and reports as incident text does.
  reportControlCharacters(data, { document: parsed.document, text: read.source.text, report }, 'the configuration');
  const seen = new Set<string>();
  (Array.isArray(loose.severities) ? loose.severities : []).forEach((level: unknown, index) => {
    const id = (level as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) {
      report.add(valueRange(parsed.document, ['severities', index, 'id']), {
        rule: 'duplicate-id',
        message: `Unexpected duplicate severity ${quote(id)}`,
        hint: 'Give each severity level its own id.',
      });
    }
    seen.add(id);
  });
  reportUnknownMappedSeverities(loose, parsed.document, report);
  report.list.sort(compareDiagnostics);
  const found = withIgnored(report.list);
  if (!schemaValid || report.hasErrors) return { config: defaultConfig(cwd), diagnostics: found };
  const figureOrder = keysInOrder(parsed.document, ['metrics']);
  const config = resolveConfig(data as ConfigData, file, dirname(file), figureOrder);
  if (loose.incidents !== undefined) config.incidentsSetAt = { file: shown, ...report.position(valueRange(parsed.document, ['incidents'])) };
  return { config, diagnostics: found };
}

/**
 * The other name's file beside the configuration found (`.yml` beside
 * `.yaml`), which is never read: a warning at it, so that an edit there is
 * not lost without a word.
 */
function ignoredBeside(file: string, cwd: string): Diagnostic | null {
  const name = basename(file);
  if (!(CONFIG_FILE_NAMES as readonly string[]).includes(name)) return null;
  const other = CONFIG_FILE_NAMES.find((candidate) => candidate !== name)!;
  const beside = join(dirname(file), other);
  if (!lstatSync(beside, { throwIfNoEntry: false })) return null;
  return fileDiagnostic(displayPath(beside, cwd), {
    rule: 'config-ignored',
    severity: 'warning',
    message: `Ignored ${other}: ${name} beside it is the configuration`,
    hint: `Keep one configuration file: move what ${other} holds into ${name} and delete it.`,
  });
}

function resolveConfig(data: ConfigData, file: string | null, root: string, figureOrder?: readonly string[]): ResolvedConfig {
  return {
    file,
    root,
    incidents: resolve(root, data.incidents ?? 'incidents'),
    out: resolve(root, data.out ?? 'postmortems'),
    timezone: data.timezone ?? 'UTC',
    timezoneNamed: data.timezone !== undefined,
    severities: data.severities ? data.severities.map((level) => ({ ...level })) : DEFAULT_SEVERITIES.map((l) => ({ ...l })),
    templates: data.templates ? resolve(root, data.templates) : null,
    figures: mergeFigures(data.metrics, figureOrder),
    trackers: { ...data.trackers },
    displayZones: [...(data.display_zones ?? [])],
    checks: resolveChecks(data.checks),
    importSeverityMap: { ...data.import?.severity_map },
  };
}

/** `checks: { blaming-language: { remove: [...] } }` can only remove a built-in phrase: anything else is a slip. */
function reportUnknownRemovals(checks: unknown, document: Parameters<typeof valueRange>[0], report: FileDiagnostics): void {
  const blaming = (checks as Record<string, unknown> | null | undefined)?.['blaming-language'];
  const remove = (blaming as { remove?: unknown } | null | undefined)?.remove;
  if (!Array.isArray(remove)) return;
  const known = new Set(BLAMING_PHRASES.map(phraseKey));
  remove.forEach((phrase: unknown, index) => {
    if (typeof phrase !== 'string' || !/\S/.test(phrase) || known.has(phraseKey(phrase))) return;
    const suggestion = closestMatch(phraseKey(phrase), [...known]);
    report.add(valueRange(document, ['checks', 'blaming-language', 'remove', index]), {
      rule: 'invalid-value',
      message: `Unexpected ${quote(phrase)} in \`checks.blaming-language.remove\`, expected a built-in blaming phrase`,
      hint: suggestion ? `Did you mean \`${suggestion}\`?` : `The built-in phrases are ${quoteList(BLAMING_PHRASES)}; phrases of your own go in \`add\`.`,
    });
  });
}

/** `import.severity_map` must map to configured levels: a mapped import would otherwise write a file `validate` refuses. */
function reportUnknownMappedSeverities(loose: Partial<Record<keyof ConfigData, unknown>>, document: Parameters<typeof valueRange>[0], report: FileDiagnostics): void {
  const map = (loose.import as { severity_map?: unknown } | null | undefined)?.severity_map;
  if (typeof map !== 'object' || map === null) return;
  const levels = Array.isArray(loose.severities)
    ? loose.severities.flatMap((level: unknown) => ((level as { id?: unknown } | null)?.id ?? []) as string[])
    : DEFAULT_SEVERITIES.map((level) => level.id);
  const seen = new Map<string, string>();
  for (const [label, level] of Object.entries(map)) {
    // Labels are matched in any case: a second spelling of one would silently win.
    const first = seen.get(label.toLowerCase());
    if (first !== undefined) {
      report.add(keyRange(document, ['import', 'severity_map', label]), {
        rule: 'invalid-value',
        message: `Unexpected ${quote(label)} in \`import.severity_map\`: it is ${quote(first)} again, as labels are matched in any case`,
        hint: `Keep one of the two, mapped to the level you mean.`,
      });
    }
    seen.set(label.toLowerCase(), first ?? label);
    if (typeof level !== 'string' || levels.includes(level)) continue;
    const near = closestMatch(level, levels);
    report.add(valueRange(document, ['import', 'severity_map', label]), {
      rule: 'unknown-severity',
      message: `Unexpected ${quote(level)} for ${quote(label)} in \`import.severity_map\`, expected a configured severity`,
      hint: near ? `Did you mean \`${near}\`?` : `The levels are ${quoteList(levels)}.`,
    });
  }
}
