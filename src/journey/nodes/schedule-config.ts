import { z } from 'zod';
import { isValidCron, isValidZone } from '../schedule';

export const cronSchema = z.string().refine(isValidCron, { message: 'Not a valid cron expression (e.g. "0 9 * * 1")' });
export const zoneSchema = z.string().refine(isValidZone, { message: 'Unknown time zone (e.g. "Asia/Shanghai")' });
export const instantSchema = z.iso.datetime({ offset: true, error: 'Expected an ISO 8601 instant with offset' });

export const scheduleSchema = z.union([
  z.object({ once: instantSchema }).strict(),
  z.object({ cron: cronSchema, tz: zoneSchema.default('Asia/Shanghai') }).strict(),
]);

export function describeSchedule(s: { once?: string; cron?: string; tz?: string }, zh: boolean): string {
  if (s.once) return zh ? `单次 ${s.once}` : `Once at ${s.once}`;
  return zh ? `周期 ${s.cron} (${s.tz})` : `Every ${s.cron} (${s.tz})`;
}
