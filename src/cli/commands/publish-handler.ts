import { resolve } from 'node:path';
import { createColors } from 'picocolors';
import { displayPath } from '../../pipeline/paths.js';
import { type PublishResult, publishSite } from '../../publish/publish.js';
import { formatSummary } from '../reporters/pretty.js';
import { UsageError } from '../exit-codes.js';
import { type CliIo, useColour } from '../io.js';
import type { PublishArgs } from './publish.js';
import { resolveAsOf } from './many-incidents.js';
import { configFor, printDiagnostics, printGitlabReport, resultExitCode } from './shared.js';
import { shownDiagnostics } from './shown-paths.js';
import { visibleControls } from '../../diagnostics/quote.js';

/**
 * `postmortem publish`: the postmortems, an index, the report and the
 * target's navigation files in `--out`, rewriting only what changed.
 * Exit 0 / 1 / 2 as `build`.
 */
export async function runPublish(args: PublishArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  const published = await publishSite({
    config,
    inputs: args.paths,
    cwd: io.cwd,
    strict: args.strict,
    target: args.target,
    out: resolve(io.cwd, args.out),
    templates: args.templates ? [resolve(io.cwd, args.templates)] : undefined,
    asOf: resolveAsOf(args.asOf, config, io),
    sitePath: args.sitePath === undefined ? undefined : sitePathOf(args.sitePath),
    force: args.force,
    debug: Boolean(io.env.POSTMORTEM_DEBUG),
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
  });
  const result = { ...published, diagnostics: shownDiagnostics(published.diagnostics, io.cwd) };
  if (args.format === 'json') {
    const { files, diagnostics, summary, pages } = result;
    io.stdout(`${JSON.stringify({ files, diagnostics, summary: { ...summary, removed: pages.removed.length }, pages }, null, 2)}\n`);
  } else if (args.format === 'gitlab') {
    printGitlabReport(result.diagnostics, io, summaryLine(result, io, false));
  } else {
    printDiagnostics(result.diagnostics, args, io, 'stdout');
    io.stdout(summaryLine(result, io, args.format === 'pretty' && useColour(io)));
  }
  return resultExitCode(result, args);
}

/**
 * `--site-path`: `/docs/ops/` and `docs\\ops` both mean `docs/ops`; `..`, an
 * empty path and control characters (a line break would end the comment of
 * MkDocs' `nav.yml` that names the path) are refused.
 */
function sitePathOf(value: string): string {
  const segments = value.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..') || /\p{Cc}/u.test(value)) {
    throw new UsageError(`--site-path ${JSON.stringify(value)} is not a folder under the docs root; give a path such as "postmortems" or "ops/postmortems".`);
  }
  return segments.join('/');
}

/** `3 files: 3 ok, 0 invalid; 0 errors, 0 warnings; 5 written, 2 unchanged, 1 removed in site/postmortems`. */
function summaryLine(result: PublishResult, io: CliIo, colour: boolean): string {
  const head = formatSummary(result.summary, { colour: false }).trimEnd();
  const { written, unchanged, removed } = result.pages;
  const line = `${head}; ${written.length} written, ${unchanged.length} unchanged, ${removed.length} removed in ${visibleControls(displayPath(result.out, io.cwd))}`;
  const c = createColors(colour);
  const { errors, invalid, warnings } = result.summary;
  return `${errors > 0 || invalid > 0 ? c.red(line) : warnings > 0 ? c.yellow(line) : c.green(line)}\n`;
}
