const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * "1 hour 57 minutes": whole minutes from an hour up, minutes and seconds
 * below that. Computed from seconds, never from calendar arithmetic, so the
 * machine's time zone cannot change it. Written as date-fns's
 * `formatDuration` writes it in English (units that are zero left out, `1`
 * singular), without building its locale lookups for every call.
 */
export function humanDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.abs(Math.round(totalSeconds));
  if (rest >= HOUR) rest = Math.round(rest / MINUTE) * MINUTE;
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  const seconds = rest - minutes * MINUTE;
  const parts: string[] = [];
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  if (minutes) parts.push(unit(minutes, 'minute'));
  if (seconds) parts.push(unit(seconds, 'second'));
  return sign + (parts.length ? parts.join(' ') : '0 minutes');
}

function unit(count: number, name: string): string {
  // Grouped as every other number is (`1,501 days`), without Intl: durations are shown far more often than they pass 999.
  return count === 1 ? `1 ${name}` : `${String(count).replace(/\B(?=(\d{3})+$)/g, ',')} ${name}s`;
}
