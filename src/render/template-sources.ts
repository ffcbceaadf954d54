import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';

/**
 * Which file each template of a family comes from. A templates folder holds
 * a folder per family (`postmortem/timeline.hbs`, `report/totals.hbs`), as
 * the built-in templates do. Folders written for the old flat layout, every
 * family at the top with report templates told apart by a `report-` prefix,
 * keep working: each file still in the old layout or under its old name is
 * used, with a `template-layout` warning saying where it goes now.
 */

/** What loading needs to know of a family to find its files. */
export interface FamilyLayout {
  main: string;
  /** Its folder, among the built-in templates and in a templates folder: `postmortem`, `report`. */
  folder: string;
  /** The old flat layout: whether a file at the top of a templates folder (its name without `.hbs`) is this family's. */
  ownsFlat: (name: string) => boolean;
  /** The prefix its templates had in the old flat layout (`report-`), or `''`: see `currentName`. */
  oldPrefix: string;
}

/**
 * A template's name from its old one: `report-totals` is the report's
 * `totals`, wherever it is written (a file name, a `{{> report-totals}}`
 * call). Other names, and any name of a family without a prefix, are their
 * own.
 */
export function currentName(family: FamilyLayout, name: string): string {
  const { oldPrefix } = family;
  if (!oldPrefix || !name.startsWith(oldPrefix)) return name;
  const rest = name.slice(oldPrefix.length);
  return rest && rest !== family.main ? rest : name;
}

export const LAYOUT_RULE = 'template-layout';

export type FoundSources = { ok: true; sources: Record<string, string>; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** A file that could be a template of the family, and where it is. */
interface Candidate {
  name: string;
  file: string;
  /** Where it is, relative to the templates folder, as messages show it: `report/totals.hbs`. */
  shown: string;
  placement: Placement;
}

/**
 * `current`: `report/totals.hbs`; `old-name`: `report/report-totals.hbs`, in
 * its folder under its old name; `flat`: `report-totals.hbs`, `timeline.hbs`,
 * at the top of the templates folder. In this order, the first wins.
 */
type Placement = 'current' | 'old-name' | 'flat';
const PLACEMENTS: readonly Placement[] = ['current', 'old-name', 'flat'];

/**
 * The family's built-in templates, then each folder of `overrides` in turn
 * replacing them by name (and adding partials of its own). Within one
 * folder, a file in the family's folder under its current name wins over
 * one under its old name, which wins over one at the top; every file not
 * placed as it should be gets a warning, used or not.
 */
export async function findTemplateSources(family: FamilyLayout, builtin: string, overrides: readonly string[]): Promise<FoundSources> {
  const sources: Record<string, string> = {};
  const warnings: Diagnostic[] = [];
  const builtinFolder = join(builtin, family.folder);
  const builtins = await templateFiles(builtinFolder, 'required');
  if (!builtins.ok) return { ok: false, diagnostics: [builtins.diagnostic] };
  for (const file of builtins.files) sources[basename(file, '.hbs')] = join(builtinFolder, file);

  for (const folder of overrides) {
    const top = await templateFiles(folder, 'required');
    if (!top.ok) return { ok: false, diagnostics: [top.diagnostic] };
    const own = await templateFiles(join(folder, family.folder), 'optional');
    if (!own.ok) return { ok: false, diagnostics: [own.diagnostic] };

    const candidates: Candidate[] = [];
    for (const file of own.files) {
      const name = currentName(family, basename(file, '.hbs'));
      const placement = name === basename(file, '.hbs') ? 'current' : 'old-name';
      candidates.push({ name, file: join(folder, family.folder, file), shown: `${family.folder}/${file}`, placement });
    }
    for (const file of top.files) {
      if (!family.ownsFlat(basename(file, '.hbs'))) continue;
      candidates.push({ name: currentName(family, basename(file, '.hbs')), file: join(folder, file), shown: file, placement: 'flat' });
    }
    const chosen = new Map<string, Candidate>();
    for (const candidate of candidates) {
      const best = chosen.get(candidate.name);
      if (!best || PLACEMENTS.indexOf(candidate.placement) < PLACEMENTS.indexOf(best.placement)) chosen.set(candidate.name, candidate);
    }
    for (const candidate of candidates) {
      const winner = chosen.get(candidate.name)!;
      if (winner === candidate) {
        sources[candidate.name] = candidate.file;
        if (candidate.placement !== 'current') warnings.push(misplaced(family, candidate));
      } else {
        warnings.push(shadowed(candidate, winner));
      }
    }
  }
  return { ok: true, sources, warnings };
}

type TemplateFiles = { ok: true; files: string[] } | { ok: false; diagnostic: Diagnostic };

/** The `.hbs` entries of a folder, sorted; an `optional` folder that does not exist has none. */
async function templateFiles(folder: string, need: 'required' | 'optional'): Promise<TemplateFiles> {
  try {
    return { ok: true, files: (await readdir(folder)).filter((name) => name.endsWith('.hbs')).sort() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (need === 'optional' && code === 'ENOENT') return { ok: true, files: [] };
    if (need === 'optional' && code === 'ENOTDIR') {
      const diagnostic = fileDiagnostic(folder, {
        rule: 'template-error',
        message: `Unexpected file \`${basename(folder)}\`, expected the folder of ${basename(folder)} templates`,
        hint: `A templates folder holds a folder per kind of template (\`postmortem/\`, \`report/\`): rename or move the file \`${basename(folder)}\`.`,
      });
      return { ok: false, diagnostic };
    }
    const diagnostic = fileDiagnostic(folder, {
      rule: 'template-error',
      message: `Cannot read templates folder: ${code ?? String(error)}`,
      hint: 'Check `templates` in postmortem.config.yaml or the --templates option.',
    });
    return { ok: false, diagnostic };
  }
}

/** The warning for a template that is used but is at the top of the templates folder, or under its old name. */
function misplaced(family: FamilyLayout, candidate: Candidate): Diagnostic {
  const expected = `${family.folder}/${candidate.name}.hbs`;
  const flat = candidate.placement === 'flat';
  const renamed = basename(candidate.file, '.hbs') !== candidate.name;
  const why = [
    ...(flat ? ['postmortem and report templates each have a folder now'] : []),
    ...(renamed ? [`${family.folder} templates are named without the \`${family.oldPrefix}\` prefix`] : []),
  ].join(', and ');
  return layoutWarning(candidate.file, {
    message: `Unexpected \`${candidate.shown}\` ${flat ? 'at the top of the templates folder' : 'under its old name'}, expected \`${expected}\``,
    hint: `${flat ? 'Move' : 'Rename'} it to \`${expected}\` in the templates folder: ${why}. It is still used until then.`,
  });
}

/** The warning for a template that is not used because the same template is also in a better place. */
function shadowed(candidate: Candidate, winner: Candidate): Diagnostic {
  return layoutWarning(candidate.file, {
    message: `Unexpected \`${candidate.shown}\` beside \`${winner.shown}\`, which replaces it: it is not used`,
    hint: `Delete it, or bring its changes into \`${winner.shown}\`: when a template is in both places, only the one in its folder under its current name is used.`,
  });
}

function layoutWarning(file: string, text: { message: string; hint: string }): Diagnostic {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', rule: LAYOUT_RULE, ...text };
}
