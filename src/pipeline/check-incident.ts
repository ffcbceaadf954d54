import type { ResolvedConfig } from '../config/config.js';
import { valueRange } from '../source/locate.js';
import { runReviewChecks } from '../checks/index.js';
import { buildIncident } from '../model/build-incident.js';
import type { Incident } from '../model/incident.js';
import { SEMANTIC_RULES, type RuleContext } from '../rules/index.js';
import { asRecord } from '../rules/loose.js';
import type { IncidentData } from '../schema/incident-schema.js';
import { type CompiledValidator, SchemaValidator } from '../schema/validate-schema.js';
import { incident as validateIncident } from '../schema/validators.generated.js';
import { parseYaml } from '../source/parse-yaml.js';
import { detached } from '../source/detached.js';
import { type FileResult, failedFile } from './file-result.js';
import { relatedIds } from './related-ids.js';
import { type CheckedBytes, type SourceFile, decodeSource, readCheckedBytes, textTooLarge } from '../source/source-file.js';

/** The outcome of checking one incident file: its problems, and the model when it is valid. */
export type CheckedIncident = FileResult<Incident>;

let validator: SchemaValidator | undefined;

/**
 * The per-file pipeline, top to bottom: parse the YAML, check it against the
 * schema, run the semantic rules and the review checks of the prose, and
 * build the model if nothing was wrong (a warning is not).
 * Each stage adds to the same list of diagnostics and the next stage still
 * runs, so one run reports every problem of the file; only a YAML syntax
 * error stops the file early (see `parseYaml`), because what follows it
 * cannot be trusted.
 */
export function checkIncidentSource(source: SourceFile, config: ResolvedConfig): CheckedIncident {
  // Files are measured as they are read; a text made in memory (an edit's result) is measured here.
  const tooLarge = textTooLarge(source);
  if (tooLarge) return failedFile(source.path, tooLarge.list);
  const parsed = parseYaml(source);
  const report = parsed.diagnostics;
  const data = asRecord(parsed.data);
  const done = (incident: Incident | null): CheckedIncident => {
    const checked: CheckedIncident = {
      file: source.path,
      diagnostics: report.list,
      value: incident,
      id: typeof data?.id === 'string' ? detached(data.id) : null,
      idPosition: typeof data?.id === 'string' ? report.position(valueRange(parsed.document, ['id'])) : null,
    };
    const related = relatedIds(data, parsed.document, report);
    return related ? { ...checked, related } : checked;
  };
  if (!data) return done(null);

  validator ??= new SchemaValidator(validateIncident as CompiledValidator, 'the incident');
  validator.check(data, parsed.document, report);

  const zone = typeof data.timezone === 'string' ? data.timezone : config.timezone;
  const context: RuleContext = { data, document: parsed.document, text: source.text, report, config, zone, times: [] };
  for (const rule of SEMANTIC_RULES) rule(context);
  runReviewChecks(context);

  if (report.hasErrors || context.zone === undefined) return done(null);
  return done(buildIncident(data as IncidentData, context.times, config, context.zone, source.path));
}

export async function checkIncidentFile(
  absolutePath: string,
  displayPath: string,
  config: ResolvedConfig,
): Promise<CheckedIncident> {
  return checkIncidentBytes(await readCheckedBytes(absolutePath, displayPath), displayPath, config);
}

/** `checkIncidentFile` of bytes already read (or the problem reading them). */
export function checkIncidentBytes(read: CheckedBytes, displayPath: string, config: ResolvedConfig): CheckedIncident {
  const decoded = read.ok ? decodeSource(read.bytes, displayPath) : read;
  if (!decoded.ok) return failedFile(displayPath, decoded.diagnostics.list);
  return checkIncidentSource(decoded.source, config);
}
