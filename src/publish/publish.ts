import { existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { postmortemTreeOrProblem } from '../pipeline/build-file.js';
import { displayPath } from '../pipeline/paths.js';
import type { ModelStage } from '../pipeline/process-file.js';
import { runFiles } from '../pipeline/run-files.js';
import { type FileOutcome, type RunOptions, type RunResult, countLate, inputFiles, outcomeOf, summarise } from '../pipeline/run.js';
import type { PostmortemTree } from '../render/postmortem-tree.js';
import { TemplateRenderError, loadTemplates } from '../render/templates.js';
import { templateFolders } from '../render/template-family.js';
import { type ReportOptions, buildReport, listedIncidents } from '../report/build-report.js';
import { type IncidentRecord, toRecord } from '../report/records.js';
import { incidentDuration } from '../report/view/incident-lists.js';
import { loadReportTemplates, reportTemplateDiagnostic } from '../report/render-report.js';
import type { ManifestEntry } from './manifest.js';
import { reportContent } from './report-tree.js';
import type { SyncProblem } from './sync-problems.js';
import { type SyncResult, syncSite } from './sync-site.js';
import { linksToIncidents, plainDescription, rewriteIncidentLinks } from './site-markdown.js';
import type { IncidentFacts, PublishTargetName, PublishedIncident, SiteFile } from './target.js';
import { folderNameClash } from './reserved-ids.js';
import { targetFor } from './targets.js';

export interface PublishOptions extends RunOptions {
  target: PublishTargetName;
  /** The output folder (relative to `cwd`, or absolute). */
  out: string;
  /** Folders whose templates override the built-in ones by name; default: the configured one. */
  templates?: readonly string[];
  /** `YYYY-MM-DD`: the day the report counts overdue items and ages to. */
  asOf: string;
  /** The folder's path under the site's docs root (see `SiteContext`); default: the folder's name. */
  sitePath?: string;
  /** Overwrite, or delete, pages publish wrote that were edited by hand since. */
  force?: boolean;
  /** Told once when another publish into the same folder has held it for a while (this run waits for it). */
  onWait?: (message: string) => void;
}

export interface PublishedPages {
  written: string[];
  unchanged: string[];
  removed: string[];
  kept: string[];
}

export interface PublishResult extends RunResult {
  /** The output folder, absolute. */
  out: string;
  /** Files of the site by what happened to them, relative to the output folder. */
  pages: PublishedPages;
}

/**
 * What publish makes of one valid incident: its report record, what its
 * page shows, and the page's text, printed from the postmortem's tree as
 * soon as the incident is checked, so the run holds each page's text and no
 * tree. Only a postmortem that links to other incidents keeps its tree until
 * every file is checked: which of them get pages is known only then.
 */
interface Page {
  record: IncidentRecord;
  facts: IncidentFacts;
  content: { text: string } | { linking: PostmortemTree };
}

interface ValidIncident extends Page {
  file: string;
  absolute: string;
  outcome: FileOutcome;
}

/**
 * `publish`, top to bottom: check every input as `build` does (ids unique in
 * path order), render each valid incident's postmortem, build the report
 * over the valid ones with links to their pages, let the target lay out
 * pages and navigation, then sync the output folder through its manifest.
 * An invalid incident writes nothing and keeps its earlier page; a page is
 * removed only when its incident file is gone or no longer declares its id.
 * No clock: the same inputs and `asOf` always give the same bytes.
 */
export async function publishSite(options: PublishOptions): Promise<PublishResult> {
  const target = await targetFor(options.target);
  const out = resolve(options.cwd, options.out);
  const empty: PublishedPages = { written: [], unchanged: [], removed: [], kept: [] };
  const folders = templateFolders(options.config, options.templates);
  const loaded = await loadTemplates(folders);
  if (!loaded.ok) return { ...summarise([], loaded.diagnostics), out, pages: empty };
  const reportTemplates = await loadReportTemplates(folders);
  // A report page to link to: this run's, unless its templates are broken, then the one an earlier run left.
  // (A template that fails only while rendering is found after the pages are made: their links assume it.)
  const earlierReport = () => existsSync(join(out, target.reportPage));
  const pageSite = { hasReport: reportTemplates.ok || earlierReport() };
  // The report templates' errors, and both families' warnings (a folder in the old flat layout).
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...reportTemplates.diagnostics];

  const { files, diagnostics: inputProblems } = await inputFiles(options);
  diagnostics.push(...inputProblems);
  const severityIds = options.config.severities.map((level) => level.id);
  const declared = new Map<string, string | null>();
  /** Publish's stage: a valid model's record and postmortem; a folder name's clash or a template's error leaves it without a page. */
  const pageOf: ModelStage<Page> = (incident, checked) => {
    const record = toRecord(incident, severityIds);
    const clash = folderNameClash({ ...checked, id: incident.id }, target.name, basename(out), record.start.date);
    if (clash) return { value: null, diagnostics: [clash] };
    const rendered = postmortemTreeOrProblem(incident, checked.file, loaded.templates);
    if ('problem' in rendered) return { value: null, diagnostics: [rendered.problem] };
    const { postmortem } = rendered;
    const facts = incidentFacts(record, incident.summary);
    const content = linksToIncidents(postmortem) ? { linking: postmortem } : { text: target.incidentText(facts, postmortem, pageSite) };
    return { value: { record, facts, content } };
  };
  const outcomes: FileOutcome[] = [];
  const valid: ValidIncident[] = [];
  for await (const item of runFiles(files, options, pageOf)) {
    if ('late' in item) {
      diagnostics.push(...countLate(outcomes, item.late));
      continue;
    }
    const { file, result } = item;
    declared.set(file.absolute, result.id);
    diagnostics.push(...result.diagnostics);
    const outcome = outcomeOf(result);
    outcomes.push(outcome);
    if (result.value !== null) valid.push({ ...result.value, file: result.file, absolute: file.absolute, outcome });
  }

  const reportOptions: ReportOptions = {
    asOf: options.asOf,
    groupBy: 'month',
    filters: {},
    severities: severityIds,
    figureNames: options.config.figures.map((figure) => figure.name),
    link: (id) => target.href(target.reportPage, target.incidentPage(id)),
  };
  const records = valid.map((v) => v.record);
  const report = buildReport(records, reportOptions);
  const byId = new Map(valid.map((v) => [v.record.id, v]));
  const published: PublishedIncident[] = listedIncidents(records, reportOptions).map((row) => ({ ...byId.get(row.id)!.facts, duration: incidentDuration(row) }));

  const siteFiles: SiteFile[] = published.map(({ id }) => {
    const { content, facts, absolute } = byId.get(id)!;
    const page = target.incidentPage(id);
    const hrefOf = (other: string) => (byId.has(other) ? target.href(page, target.incidentPage(other)) : null);
    const text = 'text' in content ? content.text : target.incidentText(facts, rewriteIncidentLinks(content.linking, hrefOf), pageSite);
    return { path: page, content: text, source: { file: pathFrom(out, absolute), id } };
  });
  let reportFailed = !reportTemplates.ok;
  if (reportTemplates.ok) {
    try {
      siteFiles.push({ path: target.reportPage, content: target.reportText(reportContent(report, reportTemplates.templates)) });
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      diagnostics.push(reportTemplateDiagnostic(error));
      reportFailed = true;
    }
  }
  siteFiles.push(...target.siteFiles(published, { sitePath: options.sitePath ?? basename(out), hasReport: !reportFailed || earlierReport() }));

  const keep = (entry: ManifestEntry): boolean => {
    if (!entry.source) return reportFailed && entry.path === target.reportPage;
    if (entry.path !== target.incidentPage(entry.source.id)) return false;
    const source = resolve(out, entry.source.file);
    if (!existsSync(source)) return false;
    // A file this run did not read may still hold the incident: leave its page alone.
    return !declared.has(source) || declared.get(source) === entry.source.id;
  };
  const synced = await syncSite({ out, target: target.name, files: siteFiles, keep, force: options.force ?? false, display: displayPath(out, options.cwd), onWait: options.onWait });

  const pageOwners = new Map(siteFiles.flatMap((file) => (file.source ? [[file.path, byId.get(file.source.id)!]] : [])));
  for (const problem of synced.problems) {
    const owner = pageOwners.get(problem.path);
    // An edited page is shown as itself: the edits to look at are there, not in the incident file.
    const atPage = !owner || problem.rule === 'publish-page-edited';
    diagnostics.push(siteDiagnostic(problem, atPage ? displayPath(resolve(out, problem.path), options.cwd) : owner.file));
    if (owner && problem.severity === 'error') owner.outcome.status = 'invalid';
  }
  for (const v of valid) {
    const page = target.incidentPage(v.record.id);
    if (v.outcome.status !== 'ok') continue;
    v.outcome.output = displayPath(resolve(out, page), options.cwd);
    v.outcome.unchanged = synced.unchanged.includes(page);
  }
  const result = summarise(outcomes, diagnostics);
  result.summary.written = synced.written.length;
  result.summary.unchanged = synced.unchanged.length;
  return { ...result, out, pages: pagesOf(synced) };
}

function incidentFacts(record: IncidentRecord, summary: string): IncidentFacts {
  return {
    id: record.id,
    title: record.title,
    date: record.start.date,
    startedAt: record.start.instant,
    severity: record.severity,
    status: record.status,
    tags: [...new Set([record.severity, ...record.services, ...record.tags])],
    description: plainDescription(summary),
  };
}

/** A path relative to the output folder, with `/`: the manifest stays valid wherever the repository is checked out. */
function pathFrom(out: string, absolute: string): string {
  return relative(out, absolute).split(sep).join('/');
}

function siteDiagnostic(problem: SyncProblem, file: string): Diagnostic {
  return fileDiagnostic(file, { rule: problem.rule, severity: problem.severity, message: problem.message, hint: problem.hint });
}

function pagesOf(synced: SyncResult): PublishedPages {
  return { written: synced.written, unchanged: synced.unchanged, removed: synced.removed, kept: synced.kept };
}
