import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from '@/journey';
import { savePolicy } from '@/runtime/policy';
import { addMembers, count, DAY, HOUR, makeEngine, publish } from '@/test/fixtures';

const NOON_SHANGHAI = Date.parse('2026-11-03T12:00:00+08:00');

function journey(over: Partial<JourneyDocument> = {}, budget?: { total?: number; perDay?: number }): JourneyDocument {
  return {
    format: 'journey/v1',
    id: 'policy',
    name: 'Policy',
    entry: { reentry: 'always' },
    nodes: [
      { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
      { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Hello {{member.name}}' } },
      { id: 'gift', kind: 'action.reward', config: { reward: { type: 'points', amount: 10 }, ...(budget ? { budget } : {}) } },
      { id: 'x', kind: 'end' },
    ],
    edges: [
      { source: 't', target: 'sms' },
      { source: 'sms', target: 'gift' },
      { source: 'gift', target: 'x' },
    ],
    ...over,
  };
}

function decisions(db: ReturnType<typeof makeEngine>['db'], memberId: string, type: string): string[] {
  return (
    db.$client
      .prepare(`select d.decision || ':' || d.reason r from delivery_log d join outbox o on o.id = d.outbox_id where d.member_id = ? and o.type = ? order by d.id`)
      .all(memberId, type) as { r: string }[]
  ).map((r) => r.r);
}

describe('sending policy gateway', () => {
  it('skips without consent, and after an unsubscribe, for good', () => {
    const { db, runtime, advanceTo } = makeEngine(':memory:', NOON_SHANGHAI);
    addMembers(db, [{ id: 'a', consent: { sms: false } }, { id: 'b' }]);
    publish(db, journey(), NOON_SHANGHAI);
    runtime.ingest([{ memberId: 'b', type: 'unsubscribed' }]);
    runtime.ingest([{ memberId: 'a', type: 'member_joined' }, { memberId: 'b', type: 'member_joined' }]);
    advanceTo(NOON_SHANGHAI + HOUR);
    runtime.ingest([{ memberId: 'b', type: 'member_joined' }]);
    advanceTo(NOON_SHANGHAI + 2 * HOUR);
    expect(decisions(db, 'a', 'message')).toEqual(['skipped:no_consent']);
    expect(decisions(db, 'b', 'message')).toEqual(['skipped:unsubscribed', 'skipped:unsubscribed']);
  });

  it('turns off one channel with an unsubscribe naming it', () => {
    const { db, runtime, advanceTo } = makeEngine(':memory:', NOON_SHANGHAI);
    addMembers(db, [{ id: 'c' }]);
    publish(db, journey(), NOON_SHANGHAI);
    runtime.ingest([{ memberId: 'c', type: 'unsubscribed', properties: { channel: 'sms' } }, { memberId: 'c', type: 'member_joined' }]);
    advanceTo(NOON_SHANGHAI + HOUR);
    expect(decisions(db, 'c', 'message')).toEqual(['skipped:no_consent']);
    expect(count(db, `select count(*) n from members where id = 'c' and unsubscribed_at is null`)).toBe(1);
  });

  it('caps messages per member per channel per local day', () => {
    const { db, runtime, advanceTo } = makeEngine(':memory:', NOON_SHANGHAI);
    savePolicy(db, { capsPerDay: { sms: 2 } });
    addMembers(db, [{ id: 'd' }]);
    publish(db, journey(), NOON_SHANGHAI);
    for (let i = 0; i < 3; i++) {
      runtime.ingest([{ memberId: 'd', type: 'member_joined' }]);
      advanceTo(NOON_SHANGHAI + (i + 1) * HOUR);
    }
    runtime.ingest([{ memberId: 'd', type: 'member_joined' }]);
    advanceTo(NOON_SHANGHAI + DAY); // the next local day starts a new count
    // No SMS provider here: passing the gateway is recorded as record_only, never as sent.
    expect(decisions(db, 'd', 'message')).toEqual(['sent:record_only', 'sent:record_only', 'skipped:capped', 'skipped:capped']);
    runtime.ingest([{ memberId: 'd', type: 'member_joined' }]);
    advanceTo(NOON_SHANGHAI + DAY + HOUR);
    expect(decisions(db, 'd', 'message').at(-1)).toBe('sent:record_only');
  });

  it('defers a message in quiet hours to the end of the window, across midnight in the member time zone', () => {
    const lateInLA = Date.parse('2026-11-03T23:30:00-08:00');
    const { db, runtime, advanceTo } = makeEngine(':memory:', lateInLA);
    addMembers(db, [{ id: 'la', tz: 'America/Los_Angeles' }, { id: 'sh', tz: 'Asia/Shanghai' }]);
    publish(db, journey(), lateInLA);
    runtime.ingest([{ memberId: 'la', type: 'member_joined' }, { memberId: 'sh', type: 'member_joined' }]);
    runtime.deliverOutbox();
    const nineInLA = Date.parse('2026-11-04T09:00:00-08:00');
    expect(decisions(db, 'la', 'message')).toEqual(['deferred:quiet_hours']);
    expect(count(db, `select deliver_after n from outbox where member_id = 'la' and type = 'message'`)).toBe(nineInLA);
    // 23:30 in Los Angeles is 15:30 in Shanghai: not quiet there.
    expect(decisions(db, 'sh', 'message')).toEqual(['sent:record_only']);

    advanceTo(nineInLA - 1);
    expect(count(db, `select count(*) n from outbox where member_id = 'la' and type = 'message' and status = 'pending'`)).toBe(1);
    advanceTo(nineInLA);
    expect(decisions(db, 'la', 'message')).toEqual(['deferred:quiet_hours', 'sent:record_only']);
    expect(count(db, `select delivered_at n from outbox where member_id = 'la' and type = 'message'`)).toBe(nineInLA);
  });

  it('skips instead of deferring when the journey says so', () => {
    const night = Date.parse('2026-11-03T23:00:00+08:00');
    const { db, runtime } = makeEngine(':memory:', night);
    addMembers(db, [{ id: 'e' }]);
    publish(db, journey({ policy: { quietHours: 'skip' } }), night);
    runtime.ingest([{ memberId: 'e', type: 'member_joined' }]);
    runtime.deliverOutbox();
    expect(decisions(db, 'e', 'message')).toEqual(['skipped:quiet_hours']);
  });

  it('stops rewards when the budget is spent, and caps rewards per member per day', () => {
    const { db, runtime, advanceTo } = makeEngine(':memory:', NOON_SHANGHAI);
    savePolicy(db, { rewardsPerMemberPerDay: 1 });
    addMembers(db, [{ id: 'f1' }, { id: 'f2' }, { id: 'f3' }]);
    publish(db, journey({}, { total: 2 }), NOON_SHANGHAI);
    runtime.ingest(['f1', 'f2', 'f3'].map((memberId) => ({ memberId, type: 'member_joined' })));
    advanceTo(NOON_SHANGHAI + HOUR);
    expect(['f1', 'f2', 'f3'].map((m) => decisions(db, m, 'reward'))).toEqual([['sent:sent'], ['sent:sent'], ['skipped:budget_exhausted']]);
    expect(count(db, `select sum(points) n from members`)).toBe(20);

    const other = makeEngine(':memory:', NOON_SHANGHAI);
    savePolicy(other.db, { rewardsPerMemberPerDay: 1 });
    addMembers(other.db, [{ id: 'g' }]);
    publish(other.db, journey(), NOON_SHANGHAI);
    other.runtime.ingest([{ memberId: 'g', type: 'member_joined' }]);
    other.advanceTo(NOON_SHANGHAI + HOUR);
    other.runtime.ingest([{ memberId: 'g', type: 'member_joined' }]);
    other.advanceTo(NOON_SHANGHAI + 2 * HOUR);
    expect(decisions(other.db, 'g', 'reward')).toEqual(['sent:sent', 'skipped:member_reward_cap']);
    expect(count(other.db, `select count(*) n from points_ledger where member_id = 'g'`)).toBe(1);
  });
});
