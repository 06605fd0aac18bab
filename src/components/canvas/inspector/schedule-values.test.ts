import { describe, expect, it } from 'vitest';
import { isValidCron } from '@/journey';
import { joinInstant, joinOffset, parseRecurrence, splitInstant, splitOffset, toCron } from './schedule-values';

describe('schedule values', () => {
  it('splits an instant into the local date-time and its offset, and joins it back', () => {
    expect(splitInstant('2027-02-06T10:00:00+08:00')).toEqual({ local: '2027-02-06T10:00', offset: '+08:00' });
    expect(splitInstant('2027-02-06T02:30:00Z')).toEqual({ local: '2027-02-06T02:30', offset: '+00:00' });
    expect(splitInstant('tomorrow', '+09:00')).toEqual({ local: '', offset: '+09:00' });
    expect(joinInstant({ local: '2027-02-06T10:00', offset: '-05:00' })).toBe('2027-02-06T10:00:00-05:00');
    expect(joinInstant({ local: '', offset: '+08:00' })).toBe('');
  });

  it('reads simple cron expressions as daily, weekly or monthly runs', () => {
    expect(parseRecurrence('0 10 * * 1')).toMatchObject({ frequency: 'weekly', time: '10:00', weekday: 'mon' });
    expect(parseRecurrence('30 9 * * 0')).toMatchObject({ frequency: 'weekly', time: '09:30', weekday: 'sun' });
    expect(parseRecurrence('5 8 * * *')).toMatchObject({ frequency: 'daily', time: '08:05' });
    expect(parseRecurrence('0 20 15 * *')).toMatchObject({ frequency: 'monthly', time: '20:00', dayOfMonth: 15 });
    expect(parseRecurrence('0 10 * * 1-5')).toMatchObject({ frequency: 'custom', cron: '0 10 * * 1-5' });
  });

  it('writes recurrences as valid cron, and round-trips them', () => {
    for (const cron of ['0 10 * * 1', '30 9 * * 0', '5 8 * * *', '0 20 15 * *']) {
      expect(toCron(parseRecurrence(cron))).toBe(cron);
      expect(isValidCron(cron)).toBe(true);
    }
    expect(toCron({ ...parseRecurrence('0 10 * * 1'), weekday: 'sat' })).toBe('0 10 * * 6');
    expect(toCron({ ...parseRecurrence('0 10 * * *'), time: '25:00' })).toBeNull();
    expect(toCron({ ...parseRecurrence('0 10 1 * *'), dayOfMonth: 32 })).toBeNull();
  });

  it('reads day offsets as before / on / after', () => {
    expect(splitOffset(-3)).toEqual({ days: 3, direction: 'before' });
    expect(splitOffset(0)).toEqual({ days: 0, direction: 'on' });
    expect(joinOffset(7, 'after')).toBe(7);
    expect(joinOffset(3, 'before')).toBe(-3);
    expect(joinOffset(5, 'on')).toBe(0);
    expect(Object.is(joinOffset(0, 'before'), 0)).toBe(true);
  });
});
