import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from '@/journey';
import { addMembers, count, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { addMember, chain, iso, onEvent, rows, type NodeSpec } from '@/test/journeys';

// T0 is Monday 2026-11-02 08:00 in Shanghai (00:00 UTC); Los Angeles is on PST (-08:00) from 1 November.
const WEEK = 7 * DAY;

const trigger = (kind: string, config: Record<string, unknown>): NodeSpec => ({ id: 't', kind, config });

/** Entered-at instants per member, in entry order. */
function entries(db: ReturnType<typeof makeEngine>['db']): { member_id: string; entry_no: number; entered_at: number }[] {
  return rows(db, `select member_id, entry_no, entered_at from enrolments order by entered_at, member_id`);
}

describe('trigger.segment', () => {
  it('runs once at the instant for the members matching a condition', () => {
    const { db, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'g1', tier: 'gold' }, { id: 'g2', tier: 'gold' }, { id: 's1', tier: 'silver' }]);
    const at = T0 + 3 * HOUR;
    publish(db, chain('once', [trigger('trigger.segment', { condition: { attr: 'tier', op: 'eq', value: 'gold' }, schedule: { once: iso(at) } })]));

    advanceTo(at - 1);
    expect(count(db, `select count(*) n from enrolments`)).toBe(0);
    advanceTo(at);
    expect(entries(db)).toEqual([
      { member_id: 'g1', entry_no: 1, entered_at: at },
      { member_id: 'g2', entry_no: 1, entered_at: at },
    ]);
    expect(pathOf(db, 'g1')).toEqual(['enter:t', 'exit:t:out', 'enter:end']);

    // A one-off run never repeats, even for members who match later.
    db.$client.prepare(`update members set tier = 'gold' where id = 's1'`).run();
    advanceTo(at + 4 * WEEK);
    expect(count(db, `select count(*) n from enrolments`)).toBe(2);
  });

  it('enrols the members of a dynamic segment row', () => {
    const { db, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'rich', points: 1500 }, { id: 'poor', points: 200 }, { id: 'edge', points: 1000 }]);
    db.$client
      .prepare(`insert into segments (id, name, condition, created_at) values ('big_spenders', 'Big spenders', ?, ?)`)
      .run(JSON.stringify({ attr: 'points', op: 'gte', value: 1000 }), T0);
    publish(db, chain('seg', [trigger('trigger.segment', { segment: 'big_spenders', schedule: { once: iso(T0 + HOUR) } })]));
    advanceTo(T0 + DAY);
    expect(entries(db).map((e) => [e.member_id, e.entered_at])).toEqual([
      ['edge', T0 + HOUR],
      ['rich', T0 + HOUR],
    ]);
  });

  describe('weekly cron (Monday 10:00 Shanghai) over three weeks', () => {
    // Each member waits ten days, so at the second weekly run the first entry is still in flight.
    const weekly = (reentry: 'after_exit' | 'always'): JourneyDocument =>
      chain(
        `weekly-${reentry}`,
        [
          trigger('trigger.segment', { condition: { attr: 'tier', op: 'in', value: ['gold', 'silver'] }, schedule: { cron: '0 10 * * 1', tz: 'Asia/Shanghai' } }),
          { id: 'hold', kind: 'wait.duration', config: { duration: 'P10D' } },
        ],
        { entry: { reentry } },
      );
    const firstRun = T0 + 2 * HOUR;
    const runs = [firstRun, firstRun + WEEK, firstRun + 2 * WEEK];

    function enrolmentsPerRun(reentry: 'after_exit' | 'always'): number[] {
      const { db, advanceTo } = makeEngine();
      addMembers(db, [{ id: 'g1', tier: 'gold' }, { id: 's1', tier: 'silver' }, { id: 'b1', tier: 'bronze' }]);
      publish(db, weekly(reentry));
      advanceTo(T0 + 3 * WEEK);
      const at = entries(db);
      expect(at.every((e) => runs.includes(e.entered_at))).toBe(true);
      expect(at.some((e) => e.member_id === 'b1')).toBe(false);
      return runs.map((t) => at.filter((e) => e.entered_at === t).length);
    }

    it('after_exit: skips members still in flight, takes them again once they finished', () => {
      expect(enrolmentsPerRun('after_exit')).toEqual([2, 0, 2]);
    });

    it('always: enrols every matching member at every run', () => {
      expect(enrolmentsPerRun('always')).toEqual([2, 2, 2]);
    });
  });
});

describe('trigger.schedule', () => {
  it('enrols the audience at the given instant', () => {
    const { db, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'g1', tier: 'gold' }, { id: 's1', tier: 'silver' }]);
    const at = Date.parse('2026-11-11T10:00:00+08:00');
    publish(
      db,
      chain('singles-day', [
        trigger('trigger.schedule', { at: iso(at), condition: { attr: 'tier', op: 'eq', value: 'gold' } }),
        { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Happy 11.11' } },
      ]),
    );
    advanceTo(at - 1);
    expect(count(db, `select count(*) n from enrolments`)).toBe(0);
    advanceTo(at + DAY);
    expect(entries(db)).toEqual([{ member_id: 'g1', entry_no: 1, entered_at: at }]);
    expect(rows(db, `select member_id, status, delivered_at from outbox`)).toEqual([{ member_id: 'g1', status: 'sent', delivered_at: at }]);
  });
});

describe('trigger.date: birthday, three days before, at 09:00 member time', () => {
  it("enrols each member at their own local 09:00", () => {
    const { db, advanceTo } = makeEngine();
    addMember(db, { id: 'sh', tz: 'Asia/Shanghai', birthday: '1990-11-20' });
    addMember(db, { id: 'la', tz: 'America/Los_Angeles', birthday: '1985-11-20' });
    addMember(db, { id: 'later', tz: 'Asia/Shanghai', birthday: '1992-12-25' });
    addMember(db, { id: 'none', tz: 'Asia/Shanghai' });
    publish(db, chain('birthday', [trigger('trigger.date', { attr: 'birthday', offsetDays: -3, at: '09:00' })]));

    const shAt = Date.parse('2026-11-17T09:00:00+08:00');
    const laAt = Date.parse('2026-11-17T09:00:00-08:00');
    advanceTo(shAt - 1);
    expect(count(db, `select count(*) n from enrolments`)).toBe(0);
    advanceTo(shAt);
    expect(entries(db)).toEqual([{ member_id: 'sh', entry_no: 1, entered_at: shAt }]);
    advanceTo(laAt - 1);
    expect(count(db, `select count(*) n from enrolments`)).toBe(1);
    advanceTo(Date.parse('2026-12-01T00:00:00Z'));
    expect(entries(db)).toEqual([
      { member_id: 'sh', entry_no: 1, entered_at: shAt },
      { member_id: 'la', entry_no: 1, entered_at: laAt },
    ]);
    expect(laAt - shAt).toBe(16 * HOUR);
  });
});

describe('wait.until', () => {
  const waitUntil = (id: string, config: Record<string, unknown>) => chain(id, [onEvent('go'), { id: 'until', kind: 'wait.until', config }]);

  function run(doc: JourneyDocument, until: number) {
    const env = makeEngine();
    addMember(env.db, { id: 'sh', tz: 'Asia/Shanghai' });
    addMember(env.db, { id: 'la', tz: 'America/Los_Angeles' });
    publish(env.db, doc);
    env.runtime.ingest([{ memberId: 'sh', type: 'go' }, { memberId: 'la', type: 'go' }]);
    const wakeAt = Object.fromEntries(rows<{ member_id: string; wake_at: number }>(env.db, `select member_id, wake_at from enrolments`).map((r) => [r.member_id, r.wake_at]));
    env.advanceTo(until);
    const leftAt = (m: string) => count(env.db, `select left_at n from step_log where member_id = ? and kind = 'pass' and handle is not null and node_id = 'until'`, m);
    return { ...env, wakeAt, leftAt };
  }

  it("time 10:00 waits for the member's next local 10:00", () => {
    // Shanghai: Monday 08:00 → 10:00 today. Los Angeles: Sunday 16:00 → Monday 10:00 PST.
    const { db, wakeAt, leftAt } = run(waitUntil('ten', { time: '10:00' }), T0 + 2 * DAY);
    const sh = Date.parse('2026-11-02T10:00:00+08:00');
    const la = Date.parse('2026-11-02T10:00:00-08:00');
    expect(wakeAt).toEqual({ sh, la });
    expect([leftAt('sh'), leftAt('la')]).toEqual([sh, la]);
    expect(count(db, `select count(*) n from enrolments where status = 'completed'`)).toBe(2);
  });

  it('time + days waits for the next allowed weekday in the member time zone', () => {
    const { wakeAt, leftAt } = run(waitUntil('saturday', { time: '10:00', days: ['sat'] }), T0 + 8 * DAY);
    const sh = Date.parse('2026-11-07T10:00:00+08:00');
    const la = Date.parse('2026-11-07T10:00:00-08:00');
    expect(wakeAt).toEqual({ sh, la });
    expect([leftAt('sh'), leftAt('la')]).toEqual([sh, la]);
  });

  it('at an instant releases every member at the same moment', () => {
    const at = Date.parse('2026-11-05T12:00:00+08:00');
    const { db, wakeAt, leftAt, advanceTo } = run(waitUntil('instant', { at: iso(at) }), at - 1);
    expect(wakeAt).toEqual({ sh: at, la: at });
    expect(count(db, `select count(*) n from enrolments where status = 'waiting' and node_id = 'until'`)).toBe(2);
    advanceTo(at);
    expect([leftAt('sh'), leftAt('la')]).toEqual([at, at]);
    expect(pathOf(db, 'la').slice(-3)).toEqual(['enter:until', 'exit:until:out', 'enter:end']);
  });
});
