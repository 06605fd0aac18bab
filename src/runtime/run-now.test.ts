import { describe, expect, it } from 'vitest';
import { birthdayJourney, winbackJourney } from '@/journey/examples';
import { makeEngine, publish, T0 } from '@/test/fixtures';
import { addMember, rows } from '@/test/journeys';
import { testRun } from '@/server/test-run';
import { firstRunFor, runNow, upcomingRuns } from './run-now';

// T0 is 2026-11-02 08:00 Shanghai. The birthday journey runs 3 days before each birthday at 09:00 local time.
function birthdays() {
  const env = makeEngine();
  addMember(env.db, { id: 'sh1', tz: 'Asia/Shanghai', birthday: '1990-11-06', tier: 'gold' });
  addMember(env.db, { id: 'sh2', tz: 'Asia/Shanghai', birthday: '1985-11-06', tier: 'bronze' });
  addMember(env.db, { id: 'ny', tz: 'America/New_York', birthday: '1992-11-06' });
  addMember(env.db, { id: 'later', tz: 'Asia/Shanghai', birthday: '1991-12-25' });
  addMember(env.db, { id: 'none', tz: 'Asia/Shanghai' });
  return env;
}

describe('next runs of time-driven triggers', () => {
  it('an anniversary: the next runs by local instant with the members each would reach', () => {
    const { db } = birthdays();
    const up = upcomingRuns(db, birthdayJourney, T0)!;
    expect(up.type).toBe('anniversary');
    expect(up.runs[0]).toEqual({ at: Date.parse('2026-11-03T09:00:00+08:00'), tz: 'Asia/Shanghai', audience: 2 });
    expect(up.runs[1]).toEqual({ at: Date.parse('2026-11-03T09:00:00-05:00'), tz: 'America/New_York', audience: 1 });
    expect(up.runs[2]).toEqual({ at: Date.parse('2026-12-22T09:00:00+08:00'), tz: 'Asia/Shanghai', audience: 1 });
  });

  it('a weekly audience: the next cron runs in its zone, the audience counted with the journey\'s own rule', () => {
    const { db } = birthdays();
    const up = upcomingRuns(db, winbackJourney, T0)!;
    // Every Monday 10:00 Shanghai; T0 is Monday 08:00, so today 10:00 is next.
    expect(up.runs.map((r) => new Date(r.at).toISOString())).toEqual(['2026-11-02T02:00:00.000Z', '2026-11-09T02:00:00.000Z', '2026-11-16T02:00:00.000Z']);
    // Nobody has paid in 90 days: all five are dormant.
    expect(up.runs[0].audience).toBe(5);
  });

  it('an event trigger has no runs', () => {
    const { db } = birthdays();
    expect(upcomingRuns(db, { ...birthdayJourney, nodes: [{ id: 't', kind: 'trigger.event', config: { event: 'x' } }], edges: [] }, T0)).toBeNull();
  });
});

describe('run now', () => {
  it('enrols the next run\'s members at once, and a second press enrols nobody again', () => {
    const { db, runtime } = birthdays();
    const { journeyId } = publish(db, birthdayJourney);
    expect(runNow(runtime, journeyId)).toEqual({ enrolled: 2, audience: 2 });
    expect(rows<{ member_id: string }>(db, 'select member_id from enrolments where journey_id = ? order by member_id', journeyId).map((r) => r.member_id)).toEqual(['sh1', 'sh2']);
    // Re-entry "always" with a 300-day minimum interval: pressing again reaches nobody twice.
    expect(runNow(runtime, journeyId).enrolled).toBe(0);
  });

  it('refuses a draft and an event-triggered journey', () => {
    const { db, runtime } = birthdays();
    const { journeyId } = publish(db, { ...birthdayJourney, id: 'ev', nodes: [{ id: 't', kind: 'trigger.event', config: { event: 'x' } }, { id: 'e', kind: 'end' }], edges: [{ source: 't', target: 'e' }] });
    expect(() => runNow(runtime, journeyId)).toThrow('starts on an event');
    expect(() => runNow(runtime, 'nope')).toThrow('not found');
  });
});

describe('test runs start at the trigger\'s real time', () => {
  it('a birthday test run starts at the member\'s run instant, not now', () => {
    const { db } = birthdays();
    expect(firstRunFor(db, birthdayJourney, 'ny', T0)).toBe(Date.parse('2026-11-03T09:00:00-05:00'));
    const path = testRun(db, { document: birthdayJourney, memberId: 'sh1' })!;
    // testRun starts from the wall clock: the next 3 November 09:00 Shanghai from today.
    const year = new Date().getUTCFullYear();
    const thisYear = Date.parse(`${year}-11-03T09:00:00+08:00`);
    expect(path.enteredAt).toBe(thisYear > Date.now() ? thisYear : Date.parse(`${year + 1}-11-03T09:00:00+08:00`));
  });
});
