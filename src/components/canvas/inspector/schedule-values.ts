/** Converts between the schedule values journey documents store (ISO instants, cron, day offsets) and what the forms show. */

export const hhmmPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** UTC offsets offered for one-off dates; the brands this serves mostly run on +08:00. */
export const commonOffsets = ['+08:00', '+09:00', '+07:00', '+05:30', '+00:00', '+01:00', '-05:00', '-08:00'] as const;

export interface LocalInstant {
  /** What `<input type="datetime-local">` holds: "2027-02-06T10:00". */
  local: string;
  offset: string;
}

const instantPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function splitInstant(iso: string | undefined, fallbackOffset = '+08:00'): LocalInstant {
  const m = instantPattern.exec(iso ?? '');
  if (!m) return { local: '', offset: fallbackOffset };
  return { local: m[1], offset: m[2] === 'Z' ? '+00:00' : m[2] };
}

/** An ISO 8601 instant with offset, or '' (which validation reports) when no date is picked. */
export function joinInstant({ local, offset }: LocalInstant): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00${offset}` : '';
}

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'custom';

/** A recurring run as people say it ("every Monday at 10:00"); `cron` is kept for anything else. */
export interface Recurrence {
  frequency: Frequency;
  time: string;
  weekday: Weekday;
  dayOfMonth: number;
  cron: string;
}

const cronDay = (d: Weekday) => (weekdays.indexOf(d) + 1) % 7;
const pad = (n: number) => String(n).padStart(2, '0');

export function parseRecurrence(cron: string | undefined): Recurrence {
  const base: Recurrence = { frequency: 'custom', time: '10:00', weekday: 'mon', dayOfMonth: 1, cron: cron ?? '' };
  const m = /^(\d{1,2}) (\d{1,2}) (\*|\d{1,2}) \* (\*|[0-7])$/.exec((cron ?? '').trim());
  if (!m) return base;
  const [minute, hour] = [Number(m[1]), Number(m[2])];
  if (minute > 59 || hour > 23) return base;
  const time = `${pad(hour)}:${pad(minute)}`;
  const [dom, dow] = [m[3], m[4]];
  if (dom === '*' && dow === '*') return { ...base, frequency: 'daily', time };
  if (dom === '*') return { ...base, frequency: 'weekly', time, weekday: weekdays[(Number(dow) + 6) % 7] };
  const day = Number(dom);
  if (dow === '*' && day >= 1 && day <= 31) return { ...base, frequency: 'monthly', time, dayOfMonth: day };
  return base;
}

/** The cron expression for a recurrence, or null when its time or day is not valid yet. */
export function toCron(r: Recurrence): string | null {
  if (r.frequency === 'custom') return r.cron.trim() || null;
  if (!hhmmPattern.test(r.time)) return null;
  const [hour, minute] = r.time.split(':').map(Number);
  if (r.frequency === 'daily') return `${minute} ${hour} * * *`;
  if (r.frequency === 'weekly') return `${minute} ${hour} * * ${cronDay(r.weekday)}`;
  if (!Number.isInteger(r.dayOfMonth) || r.dayOfMonth < 1 || r.dayOfMonth > 31) return null;
  return `${minute} ${hour} ${r.dayOfMonth} * *`;
}

export type OffsetDirection = 'before' | 'on' | 'after';

/** `offsetDays: -3` reads "3 days before". */
export function splitOffset(offsetDays: number): { days: number; direction: OffsetDirection } {
  if (!offsetDays) return { days: 0, direction: 'on' };
  return { days: Math.abs(offsetDays), direction: offsetDays < 0 ? 'before' : 'after' };
}

export function joinOffset(days: number, direction: OffsetDirection): number {
  if (direction === 'on') return 0;
  // `|| 0` keeps "0 days before" from becoming -0.
  return direction === 'before' ? -days || 0 : days;
}
