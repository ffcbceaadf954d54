import { tzOffset } from '@date-fns/tz';

/**
 * The default zone, read without Intl: the first `Intl.DateTimeFormat` of a
 * process costs about 9 ms (V8 lists every locale ICU has), more than
 * validating a whole file, and UTC's offset is 0 at every instant.
 */
const UTC = 'UTC';

const validity = new Map<string, boolean>([[UTC, true]]);

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isKnownZone(zone: string): boolean {
  let known = validity.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = zone.length > 0 && !Number.isNaN(tzOffset(zone, new Date(0)));
    } catch {
      known = false;
    }
    validity.set(zone, known);
  }
  return known;
}

/**
 * The last offsets looked up, by zone and instant: a time read from a file
 * is shown at the same instant (once or several times), and each lookup
 * formats a date with Intl. A fixed table indexed by the instant's minute,
 * each slot keeping its latest lookup: nothing to allocate or grow.
 */
const SLOTS = 1024;
const slotZone: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const slotInstant = new Float64Array(SLOTS);
const slotOffset = new Float64Array(SLOTS);

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetAt(zone: string, instant: number): number {
  if (zone === UTC) return 0;
  const slot = ((instant / 60_000) | 0) & (SLOTS - 1);
  if (slotZone[slot] === zone && slotInstant[slot] === instant) return slotOffset[slot]!;
  const offset = tzOffset(zone, new Date(instant));
  slotZone[slot] = zone;
  slotInstant[slot] = instant;
  slotOffset[slot] = offset;
  return offset;
}

/** `+01:00`, `-03:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `UTC`, `UTC+01:00`, `UTC-03:30`: how a zone offset is shown to readers. */
export function formatUtcOffset(minutes: number): string {
  return minutes === 0 ? 'UTC' : `UTC${formatOffset(minutes)}`;
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
