import { DateTime, Duration } from 'luxon';

/** Parses an ISO 8601 duration (`PT1H`, `P3D`); returns null when it does not parse or is not positive. */
export function parseDuration(iso: string): Duration | null {
  if (typeof iso !== 'string' || !iso.startsWith('P')) return null;
  const d = Duration.fromISO(iso);
  if (!d.isValid || d.toMillis() <= 0) return null;
  return d;
}

export function isDuration(iso: string): boolean {
  return parseDuration(iso) !== null;
}

/**
 * Adds a calendar-aware duration in the member's time zone, so "P1D" across a
 * daylight-saving change still lands on the same wall-clock time.
 */
export function addDuration(epochMs: number, iso: string, tz = 'UTC'): number {
  const d = parseDuration(iso);
  if (!d) throw new Error(`Invalid ISO 8601 duration: ${iso}`);
  // Time-zone arithmetic is costly; it only matters for calendar units in zones that change offset.
  const calendar = d.years || d.quarters || d.months || d.weeks || d.days;
  if (!calendar || hasFixedOffset(tz)) return epochMs + d.toMillis();
  const start = DateTime.fromMillis(epochMs, { zone: tz });
  const base = start.isValid ? start : DateTime.fromMillis(epochMs, { zone: 'UTC' });
  return base.plus(d).toMillis();
}

/** A short human form of a duration, e.g. "3 days", "1 hour 30 minutes". */
export function describeDuration(iso: string, locale: 'en' | 'zh-CN' = 'en'): string {
  const d = parseDuration(iso);
  if (!d) return iso;
  const units = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
  const parts = d.shiftTo(...units).toObject();
  const kept = Object.fromEntries(Object.entries(parts).filter(([, v]) => v)) as Record<string, number>;
  return Duration.fromObject(kept, { locale: locale === 'zh-CN' ? 'zh-CN' : 'en' }).toHuman({ unitDisplay: 'long' });
}

const fixedOffset = new Map<string, boolean>();

/** True for zones with one offset all year (Asia/Shanghai): there a day is always 24 hours. */
function hasFixedOffset(tz: string): boolean {
  let fixed = fixedOffset.get(tz);
  if (fixed === undefined) {
    const year = DateTime.utc().year;
    const offsets = [0, 3, 6, 9].map((m) => DateTime.fromObject({ year, month: m + 1, day: 1 }, { zone: tz }).offset);
    const valid = DateTime.local().setZone(tz).isValid;
    fixed = valid && offsets.every((o) => o === offsets[0]);
    fixedOffset.set(tz, fixed);
  }
  return fixed;
}
