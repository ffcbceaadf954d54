import { formatDuration } from 'date-fns/formatDuration';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * "1 hour 57 minutes": whole minutes from an hour up, minutes and seconds
 * below that. Computed from seconds, never from calendar arithmetic, so the
 * machine's time zone cannot change it.
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
  const text = formatDuration({ days, hours, minutes, seconds }, { format: ['days', 'hours', 'minutes', 'seconds'] });
  return sign + (text || '0 minutes');
}
