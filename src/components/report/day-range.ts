/**
 * Date ranges as the viewer picks them: whole local days (`YYYY-MM-DD`, both
 * inclusive) in the browser's time zone, turned into the ms window the
 * analytics API takes (`to` exclusive). Pure, so the canvas overlay and the
 * report page share it.
 */
export interface DayRange {
  from?: string;
  to?: string;
}

export type RangePreset = '7d' | '30d' | 'all';
export const rangePresets: RangePreset[] = ['7d', '30d', 'all'];

const HOUR_MS = 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] | null {
  const m = DAY_PATTERN.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  // Rejects 2026-02-30 and the like, which Date would silently roll over.
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? [y, mo, d] : null;
}

export function isDay(day: string): boolean {
  return parts(day) !== null;
}

/** The local calendar day of an instant. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day) ?? [1970, 1, 1];
  return localDay(new Date(y, m - 1, d + n));
}

/**
 * Local midnight of a day, rounded down to a whole hour: the counters are
 * hourly, so in a zone with a half-hour offset the day starts at the hour
 * before its midnight (in whole-hour zones such as Asia/Shanghai it is exact).
 */
export function startOfDay(day: string): number {
  const [y, m, d] = parts(day) ?? [1970, 1, 1];
  return Math.floor(new Date(y, m - 1, d).getTime() / HOUR_MS) * HOUR_MS;
}

/** What is wrong with a range, if anything: a day that is not a date, or `from` after `to`. */
export function rangeProblem(r: DayRange): 'invalid' | 'order' | null {
  if ((r.from && !isDay(r.from)) || (r.to && !isDay(r.to))) return 'invalid';
  if (r.from && r.to && r.from > r.to) return 'order';
  return null;
}

/** The API's window: from the start of `from` to the start of the day after `to`. */
export function rangeToMs(r: DayRange): { from?: number; to?: number } {
  return {
    ...(r.from ? { from: startOfDay(r.from) } : {}),
    ...(r.to ? { to: startOfDay(addDays(r.to, 1)) } : {}),
  };
}

/** "Last 7 days" = today and the six days before it. */
export function presetRange(preset: RangePreset, today = new Date()): DayRange {
  if (preset === 'all') return {};
  const to = localDay(today);
  return { from: addDays(to, preset === '7d' ? -6 : -29), to };
}

export function activePreset(r: DayRange, today = new Date()): RangePreset | null {
  return rangePresets.find((p) => {
    const q = presetRange(p, today);
    return q.from === r.from && q.to === r.to;
  }) ?? null;
}

/** `?from=2026-11-01&to=2026-11-07`: the range a shared link carries. */
export function rangeFromParams(params: URLSearchParams): DayRange {
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
