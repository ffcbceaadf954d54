import { closestMatch, quoteList } from '../../diagnostics/suggest.js';
import type { ParsedTemplate } from '../check-template.js';
import type { ViewShape } from '../view-shape.js';
import { type InlinePartial, type PartialBlock, type Place, type Resolved, type Scope, templateLink, withHash } from './walk-context.js';

/**
 * Partial calls, as the template check follows them: what a call resolves
 * to, the scope the partial runs in, the loops that would never end, and the
 * key under which a partial already walked in the same circumstances is not
 * walked again.
 */

/** What `{{> name}}` includes from `place`: an inline partial in sight, else a template file (never the main one). */
export function partialTarget(
  name: string,
  place: Place,
  templates: ReadonlyMap<string, ParsedTemplate>,
  main: string,
): { inline: InlinePartial; template?: undefined } | { inline?: undefined; template: ParsedTemplate } | null {
  const inline = place.inline.get(name);
  if (inline) return { inline };
  const template = templates.get(name);
  return template && name !== main ? { template } : null;
}

/** The message and hint for a partial that names no template, with the closest name when one is near. */
export function unknownPartial(name: string, templates: ReadonlyMap<string, ParsedTemplate>, main: string, folder: string): { message: string; hint: string } {
  const names = [...templates.keys()].filter((candidate) => candidate !== main).sort();
  const guess = closestMatch(name, names);
  return {
    message: `Unknown partial \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
    hint: `Add \`${folder}/${name}.hbs\` to the templates folder, or use one of ${quoteList(names)}.`,
  };
}

/** How the chain of partials names what a call includes. */
export function partialLink(name: string, place: Place, target: { inline?: InlinePartial; template?: ParsedTemplate }): { key: string; label: string } {
  return target.inline ? { key: `inline:${place.file}:${name}`, label: `inline "${name}"` } : templateLink(target.template!);
}

/** The message for a call that would include a partial already on the chain, or `null` when there is no loop. */
export function partialLoop(chain: Place['chain'], link: { key: string; label: string }): string | null {
  const loop = chain.findIndex((entry) => entry.key === link.key);
  if (loop === -1) return null;
  const labels = [...chain, link].map((entry) => entry.label);
  const from = loop > 0 ? `, included from ${labels.slice(0, loop + 1).join(' → ')}` : '';
  return `Unexpected recursive partial: ${labels.slice(loop).join(' → ')}${from}`;
}

/** The scope of a partial called with a context or `name=value` pairs: a new frame, without the caller's block parameters. */
export function partialScope(scope: Scope, context: Resolved | undefined, hash: ReadonlyMap<string, ViewShape>): Scope {
  const shape = withHash(context?.shape ?? { kind: 'open' }, hash);
  const label = context?.label ?? scope.frame.label;
  return { frame: { shape, label, parent: scope.frame, key: `${scope.frame.key}>${label}+${[...hash.keys()].join(',')}` }, blockParams: new Map(), inEach: scope.inEach, present: scope.present };
}

/** Everything that can change what walking a partial finds: the same key, the same problems. */
export function partialWalkKey(link: { key: string }, inner: Scope, partialBlock: PartialBlock | null, place: Place): string {
  return [link.key, inner.frame.key, [...inner.blockParams.keys()].join(','), inner.inEach, [...inner.present].join(','), partialBlock?.id ?? 0, place.inlineId].join('|');
}
