import { quote } from '../diagnostics/quote.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { isKnownZone } from './zone.js';

/**
 * Which zone names an incident may use (FORMAT.md v2): canonical ones only.
 * An abbreviation (`PST`, `IST`) is ambiguous or a fixed offset that
 * ignores daylight saving (`EST` is -05:00 in July too, an hour off for New
 * York), and an alias (`US/Pacific`) hides which zone is meant; both are
 * refused with the canonical names they most likely mean.
 *
 * Canonical is what the runtime lists (`Intl.supportedValuesOf('timeZone')`,
 * which ICU keeps under CLDR's names, some older than IANA's), `UTC`, and
 * the IANA names of zones that ICU lists under an older name: a team in
 * Kathmandu writes `Asia/Kathmandu`, not the `Asia/Katmandu` Node lists.
 * That last list is IANA's canonical zones (the `Z` lines of tzdata.zi, 2025)
 * that Node 20–24 do not list but resolve.
 */
export const RENAMED_ZONES = [
  'Africa/Asmara',
  'America/Argentina/Buenos_Aires',
  'America/Argentina/Catamarca',
  'America/Argentina/Cordoba',
  'America/Argentina/Jujuy',
  'America/Argentina/Mendoza',
  'America/Atikokan',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
];

/** Abbreviations people write for a zone, and the zones each most often means. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  UT: ['UTC'],
  GMT: ['UTC', 'Europe/London'],
  Z: ['UTC'],
  BST: ['Europe/London'],
  IST: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  WET: ['Europe/Lisbon'],
  WEST: ['Europe/Lisbon'],
  CET: ['Europe/Paris', 'Europe/Berlin'],
  CEST: ['Europe/Paris', 'Europe/Berlin'],
  MET: ['Europe/Paris', 'Europe/Berlin'],
  EET: ['Europe/Athens', 'Europe/Helsinki'],
  EEST: ['Europe/Athens', 'Europe/Helsinki'],
  MSK: ['Europe/Moscow'],
  EST: ['America/New_York', 'America/Toronto'],
  EDT: ['America/New_York', 'America/Toronto'],
  CST: ['America/Chicago', 'Asia/Shanghai'],
  CDT: ['America/Chicago'],
  MST: ['America/Denver', 'America/Phoenix'],
  MDT: ['America/Denver'],
  PST: ['America/Los_Angeles', 'America/Vancouver'],
  PDT: ['America/Los_Angeles', 'America/Vancouver'],
  AKST: ['America/Anchorage'],
  AKDT: ['America/Anchorage'],
  HST: ['Pacific/Honolulu'],
  BRT: ['America/Sao_Paulo'],
  SAST: ['Africa/Johannesburg'],
  SGT: ['Asia/Singapore'],
  HKT: ['Asia/Hong_Kong'],
  JST: ['Asia/Tokyo'],
  KST: ['Asia/Seoul'],
  AEST: ['Australia/Sydney', 'Australia/Brisbane'],
  AEDT: ['Australia/Sydney'],
  ACST: ['Australia/Adelaide', 'Australia/Darwin'],
  ACDT: ['Australia/Adelaide'],
  AWST: ['Australia/Perth'],
  NZST: ['Pacific/Auckland'],
  NZDT: ['Pacific/Auckland'],
};

const UTC = 'UTC';
let canonical: Set<string> | undefined;

function canonicalZones(): Set<string> {
  // Listed, not looked up: the first Intl formatter of a run costs about 9 ms (a test checks that Node knows each).
  canonical ??= new Set([UTC, ...Intl.supportedValuesOf('timeZone'), ...RENAMED_ZONES]);
  return canonical;
}

/** A zone name's problem, in words: `null` when it is canonical. */
export interface ZoneProblem {
  message: string;
  hint: string;
}

export function zoneNameProblem(zone: string): ZoneProblem | null {
  if (zone === UTC || canonicalZones().has(zone)) return null;
  const upper = zone.toUpperCase();
  const abbreviation = Object.hasOwn(ZONE_ABBREVIATIONS, upper) ? ZONE_ABBREVIATIONS[upper] : undefined;
  if (abbreviation) {
    return {
      message: `Unexpected time zone abbreviation ${quote(zone)}, expected a canonical IANA zone`,
      hint: `Did you mean ${abbreviation.length > 1 ? `one of ${quoteList(abbreviation)}` : quoteList(abbreviation)}? An abbreviation is ambiguous or a fixed offset; a zone named by its place follows its daylight-saving changes.`,
    };
  }
  const meant = isKnownZone(zone) ? resolvedZone(zone) : undefined;
  if (meant === null) {
    return {
      message: `Unexpected fixed-offset time zone ${quote(zone)}, expected a zone named by its place`,
      hint: 'A fixed offset ignores daylight saving: name the place (`Europe/Berlin`), or write each time with its offset (`2024-05-02T14:03-04:00`).',
    };
  }
  if (meant !== undefined) {
    return { message: `Unexpected time zone alias ${quote(zone)}, expected its canonical name`, hint: `Did you mean \`${meant}\`?` };
  }
  const suggestion = closestMatch(zone, [...canonicalZones()]);
  return {
    message: `Unknown time zone ${quote(zone)}`,
    hint: suggestion ? `Did you mean \`${suggestion}\`?` : 'Use an IANA zone name such as `UTC`, `Europe/London` or `America/New_York`.',
  };
}

/**
 * The canonical name of a zone a source names (`Etc/UTC` is `UTC`), or
 * `undefined` when it names no place (unknown, an abbreviation, a fixed offset).
 */
export function canonicalZoneName(zone: string): string | undefined {
  if (zone === UTC || canonicalZones().has(zone)) return zone;
  if (Object.hasOwn(ZONE_ABBREVIATIONS, zone.toUpperCase()) || !isKnownZone(zone)) return undefined;
  return resolvedZone(zone) ?? undefined;
}

/** What the runtime reads an alias as, under its canonical name; `null` for a fixed offset (`Etc/GMT+5`), which names no place. */
function resolvedZone(zone: string): string | null {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  const renamed = RENAMED_ZONES.find((name) => name !== zone && isKnownZone(name) && new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone === resolved);
  const name = renamed ?? resolved;
  if (name === 'Etc/UTC') return UTC;
  return name.startsWith('Etc/') ? null : name;
}
