/**
 * The library behind the `postmortem` CLI. Everything the CLI does is
 * available here, typed, for scripts and tests:
 *
 *   const { config } = await loadConfig(process.cwd());
 *   const templates = await loadTemplates();
 *   const result = await buildPostmortems({ config, cwd: process.cwd(), render: (i) => renderPostmortem(i, templates.templates) });
 */
export { type EditOptions, type EditOutcome, type TextEdit, editIncidentFile } from './authoring/edit-incident.js';
export { findIncident } from './authoring/find-incident.js';
export { type FormatOptions, type FormatResult, formatIncidentSource } from './authoring/format-incident.js';
export { type InsertedEvent, type NewEvent, insertEvent } from './authoring/insert-event.js';
export { insertEvents } from './authoring/insert-events.js';
export { type LogRequest, type LoggedEvent, logEvent } from './authoring/log-event.js';
export {
  type NewIncidentDraft,
  type NewIncidentInput,
  type NewIncidentProblem,
  draftNewIncident,
  severityProblem,
  splitServices,
  titleProblem,
} from './authoring/new-incident-input.js';
export { type StatusChange, setStatus } from './authoring/set-status.js';
export { type LoadedConfig, type ResolvedConfig, type SeverityLevel, defaultConfig, findConfigFile, loadConfig } from './config/config.js';
export { DEFAULT_FIGURES, type FigureDefinition } from './config/figures.js';
export { type Diagnostic, type Position, type RelatedLocation, type Severity, compareDiagnostics, hasErrors } from './diagnostics/diagnostic.js';
export { RULES, type RuleId } from './diagnostics/rules.js';
export type { ErrorBudget, Figure, FigureState, Incident, IncidentEvent } from './model/incident.js';
export { type CheckedIncident, checkIncidentFile, checkIncidentSource } from './pipeline/check-incident.js';
export type { FileResult } from './pipeline/file-result.js';
export { type FileSettings, type ModelStage, keepModel, processFile } from './pipeline/process-file.js';
export { type RunEnd, type RunFile, runFiles } from './pipeline/run-files.js';
export type { LateProblem, RelatedId } from './pipeline/related-ids.js';
export { type BuildOptions, buildPostmortems } from './pipeline/build.js';
export { type FileOutcome, type RunOptions, type RunResult, type Summary, type ValidateResult, validateIncidents } from './pipeline/run.js';
export { buildView } from './render/build-view.js';
export { normaliseMarkdown, renderPostmortem } from './render/render-postmortem.js';
export { loadTemplates } from './render/templates.js';
export { BUILTIN_TEMPLATES, type TemplateSet } from './render/template-family.js';
export type { PostmortemView } from './render/view.js';
export type { ConfigData } from './schema/config-schema.js';
export type { IncidentData } from './schema/incident-schema.js';
export {
  type JsonObject,
  type JsonValue,
  type SchemaKind,
  schemaForConfig,
  schemaText,
  specialiseIncidentSchema,
} from './schema/schema-for-config.js';
export type { SourceFile } from './source/source-file.js';
export { humanDuration } from './time/duration.js';
export { type Timestamp, parseTimestamp } from './time/timestamp.js';
export { type CollectOptions, type CollectedRecords, collectRecords } from './report/collect-records.js';
export type { ActionRecord, EventRecord, IncidentRecord } from './report/records.js';
export { type ReportOptions, buildReport } from './report/build-report.js';
export type { GroupBy, IncidentFilters, Report } from './report/report-model.js';
export { type FilterProblem, readIncidentFilters, unknownSeverity } from './report/filter-input.js';
export { reportToCsv } from './report/report-csv.js';
export { loadReportTemplates, renderReportMarkdown, reportMarkdownPieces } from './report/render-report.js';
// The importers: each reads a source's data (a status page's JSON, a pager's log, a Slack export) into an incident.
export { IMPORT_SOURCES, importSource } from './import/sources/index.js';
export type { ImportOptions, ImportSource, JsonImportSource, PathImportSource } from './import/import-source.js';
export type { ImportResult, ImportedEvent, ImportedIncident } from './import/imported-incident.js';
export { type PublishOptions, type PublishResult, type PublishedPages, publishSite } from './publish/publish.js';
export { PUBLISH_TARGETS, type PublishTarget, type PublishTargetName, type PublishedIncident, type SiteFile } from './publish/target.js';
export { MANIFEST_NAME, type Manifest, type ManifestEntry } from './publish/manifest.js';
