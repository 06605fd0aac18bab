import { Cron } from 'croner';
import { DateTime } from 'luxon';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function isValidCron(expr: string): boolean {
  try {
    new Cron(expr, { paused: true });
    return true;
  } catch {
    return false;
  }
}

export function isValidZone(tz: string): boolean {
  return DateTime.local().setZone(tz).isValid;
}

/** The first cron fire time strictly after `after`, in the given time zone. */
export function nextCronRun(expr: string, tz: string, after: number): number | null {
  const next = new Cron(expr, { paused: true, timezone: tz }).nextRun(new Date(after));
  return next ? next.getTime() : null;
}

function zoned(epochMs: number, tz: string): DateTime {
  const t = DateTime.fromMillis(epochMs, { zone: tz || 'UTC' });
  return t.isValid ? t : DateTime.fromMillis(epochMs, { zone: 'UTC' });
}

/** The next moment at or after `now` when the member's clock shows `hhmm` on one of `days`. */
export function nextLocalTime(now: number, tz: string, hhmm: string, days?: string[]): number {
  const [h, m] = hhmm.split(':').map(Number);
  let candidate = zoned(now, tz).set({ hour: h, minute: m, second: 0, millisecond: 0 });
  for (let i = 0; i < 8; i++) {
    const okDay = !days || days.length === 0 || days.includes(weekdays[candidate.weekday - 1]);
    if (okDay && candidate.toMillis() >= now) return candidate.toMillis();
    candidate = candidate.plus({ days: 1 }).set({ hour: h, minute: m });
  }
  return candidate.toMillis();
}

/**
 * When a yearly date (a birthday "1990-03-15") falls in `year`, shifted by
 * `offsetDays` (negative = before), at `hhmm` on the member's clock.
 * 29 February becomes 28 February in common years.
 */
export function anniversaryInstant(date: string, year: number, offsetDays: number, hhmm: string, tz: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const month = Number(match[2]);
  let day = Number(match[3]);
  const [h, m] = hhmm.split(':').map(Number);
  let base = DateTime.fromObject({ year, month, day, hour: h, minute: m }, { zone: tz || 'UTC' });
  if (!base.isValid && month === 2 && day === 29) {
    day = 28;
    base = DateTime.fromObject({ year, month, day, hour: h, minute: m }, { zone: tz || 'UTC' });
  }
  if (!base.isValid) return null;
  return base.plus({ days: offsetDays }).toMillis();
}

export function localYear(epochMs: number, tz: string): number {
  return zoned(epochMs, tz).year;
}

/**
 * When a time-driven trigger runs next. A one-off run in the past runs at once
 * (publishing late should not silently drop the send). Anniversaries are
 * scanned first at publish; each scan then finds its own next due moment.
 */
export function nextTriggerRun(
  spec: { type: 'audience'; once?: string; cron?: string; tz?: string } | { type: 'anniversary' },
  after: number,
  first: boolean,
): number | null {
  if (spec.type === 'anniversary') return first ? after : after + 24 * 3600 * 1000;
  if (spec.once) return first ? Date.parse(spec.once) : null;
  if (spec.cron) return nextCronRun(spec.cron, spec.tz ?? 'Asia/Shanghai', after);
  return null;
}
