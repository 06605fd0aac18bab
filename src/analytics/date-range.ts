import { z } from 'zod';

export const HOUR_MS = 3_600_000;

/** A time window in ms since the epoch: `from` inclusive, `to` exclusive; a missing side is open. */
export interface DateRange {
  from?: number;
  to?: number;
}

/**
 * The window as whole hours, because `node_counts` buckets moves by UTC hour:
 * `from` rounds down and `to` rounds up, so the window never loses a move it
 * asked for. Every query of one report uses these same bounds, so node counts,
 * totals and the path funnel describe the same window.
 */
export interface HourWindow {
  fromHour: number;
  toHour: number;
  /** The rounded bounds in ms, for columns holding instants (`entered_at`, `at`). */
  fromMs: number;
  toMs: number;
}

/** No bound on a side: ±2·10^12 hours is far outside any timestamp, and its ms value is still a safe integer. */
const OPEN = 2_000_000_000_000;

export function hourWindow(range: DateRange | undefined): HourWindow {
  const fromHour = range?.from === undefined ? -OPEN : Math.floor(range.from / HOUR_MS);
  const toHour = range?.to === undefined ? OPEN : Math.ceil(range.to / HOUR_MS);
  return { fromHour, toHour, fromMs: fromHour * HOUR_MS, toMs: toHour * HOUR_MS };
}

/** An instant in ms: a whole number, not before 1970, and not absurdly far in the future (year 2255). */
const instant = z.number().int('must be a whole number of milliseconds').min(0, 'must not be before 1970').max(9e12, 'is too far in the future');

/** The range fields of an analytics input: `from`, `to` (ms), with `from` ≤ `to`. */
export const dateRangeFields = { from: instant.optional(), to: instant.optional() };

/**
 * Adds the `from` ≤ `to` rule to an object schema that has the range fields;
 * the issue is reported on `to`, so the error names the field to fix.
 */
export function withValidRange<S extends z.ZodType<DateRange>>(schema: S) {
  return schema.refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: 'must not be before "from"',
    path: ['to'],
  });
}

/** A standalone range schema (e.g. for tests and the CLI). */
export const dateRangeSchema = withValidRange(z.object(dateRangeFields));
