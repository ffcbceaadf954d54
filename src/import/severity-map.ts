import { excerpt } from '../diagnostics/quote.js';

/**
 * `--severity-map critical=SEV1,major=SEV2` (repeated, or separated with
 * commas) over the configuration's `import.severity_map`: a source's label →
 * a configured level. Labels are compared in any case.
 */
export function readSeverityMap(
  configured: Readonly<Record<string, string>>,
  given: readonly string[] | undefined,
): { ok: true; map: Map<string, string> } | { ok: false; message: string } {
  const map = new Map(Object.entries(configured).map(([label, level]) => [label.toLowerCase(), level]));
  for (const pair of (given ?? []).flatMap((value) => value.split(','))) {
    if (pair.trim() === '') continue;
    const match = /^\s*([^=]+?)\s*=\s*(\S+)\s*$/.exec(pair);
    if (!match) return { ok: false, message: `Unexpected \`${excerpt(pair)}\`, expected label=SEVERITY pairs such as critical=SEV1,major=SEV2` };
    map.set(match[1]!.toLowerCase(), match[2]!);
  }
  return { ok: true, map };
}
