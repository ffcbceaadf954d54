import { tzOffset } from '@date-fns/tz';

const validity = new Map<string, boolean>();

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

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetAt(zone: string, instant: number): number {
  return tzOffset(zone, new Date(instant));
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
