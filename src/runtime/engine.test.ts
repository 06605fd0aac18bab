import { describe, expect, it } from 'vitest';
import { assignmentBucket, type JourneyDocument } from '@/journey';
import { addMembers, count, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';

/** Every skeleton node kind on one canvas. */
const everyKind: JourneyDocument = {
  format: 'journey/v1',
  id: 'every-kind',
  name: 'Every kind',
  entry: { reentry: 'never' },
  goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
    { id: 'gold', kind: 'branch.attribute', config: { condition: { attr: 'tier', op: 'eq', value: 'gold' } } },
    { id: 'hello', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}' } },
    { id: 'day', kind: 'wait.duration', config: { duration: 'P1D' } },
    { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 50 } } },
    { id: 'end_gold', kind: 'end' },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'exp', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] } },
    { id: 'order', kind: 'wait.event', config: { event: 'order_paid', timeout: 'PT2H' } },
    { id: 'end_paid', kind: 'end' },
    { id: 'nudge', kind: 'action.message', config: { channel: 'app_push', template: 'Come back' } },
    { id: 'end_nudged', kind: 'end' },
    { id: 'end_b', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'gold' },
    { source: 'gold', sourceHandle: 'yes', target: 'hello' },
    { source: 'hello', target: 'day' },
    { source: 'day', target: 'pts' },
    { source: 'pts', target: 'end_gold' },
    { source: 'gold', sourceHandle: 'no', target: 'ab' },
    { source: 'ab', sourceHandle: 'A', target: 'order' },
    { source: 'ab', sourceHandle: 'B', target: 'end_b' },
    { source: 'order', sourceHandle: 'event', target: 'end_paid' },
    { source: 'order', sourceHandle: 'timeout', target: 'nudge' },
    { source: 'nudge', target: 'end_nudged' },
  ],
};

/** Silver members that the hash rule puts into variant A / B of `exp` in journey `every-kind`. */
function membersIn(variant: 'A' | 'B', n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const id = `s${i}`;
    if ((assignmentBucket('every-kind', 'exp', id) < 5000) === (variant === 'A')) out.push(id);
  }
  return out;
}

describe('engine: a member path through every skeleton node kind', () => {
  const [a1, a2] = membersIn('A', 2);
  const [b1] = membersIn('B', 1);

  function setup() {
    const env = makeEngine();
    addMembers(env.db, [{ id: 'g1', tier: 'gold', name: '王芳', points: 10 }, { id: a1, tier: 'silver' }, { id: a2, tier: 'silver' }, { id: b1, tier: 'silver' }]);
    const { journeyId } = publish(env.db, everyKind);
    return { ...env, journeyId };
  }

  it('walks gold members through message, a one-day wait and a points reward', () => {
    const { db, runtime, advanceTo, clock } = setup();
    runtime.ingest([{ memberId: 'g1', type: 'member_joined' }]);
    expect(pathOf(db, 'g1')).toEqual(['enter:t', 'exit:t:out', 'enter:gold', 'exit:gold:yes', 'enter:hello', 'exit:hello:out', 'enter:day']);
    const wakeAt = count(db, `select wake_at n from enrolments where member_id = 'g1'`);
    expect(wakeAt).toBe(T0 + DAY);

    advanceTo(T0 + DAY - 1);
    expect(pathOf(db, 'g1').at(-1)).toBe('enter:day');
    advanceTo(T0 + DAY);
    expect(clock.now()).toBe(T0 + DAY);
    expect(pathOf(db, 'g1').slice(7)).toEqual(['exit:day:out', 'enter:pts', 'exit:pts:out', 'enter:end_gold']);
    expect(count(db, `select count(*) n from enrolments where member_id = 'g1' and status = 'completed'`)).toBe(1);

    const sms = db.$client.prepare(`select channel, status, payload from outbox where member_id = 'g1' and type = 'message'`).get() as { channel: string; status: string; payload: string };
    expect({ channel: sms.channel, status: sms.status, text: JSON.parse(sms.payload).text }).toEqual({ channel: 'sms', status: 'sent', text: 'Hi 王芳' });
    expect(count(db, `select points n from members where id = 'g1'`)).toBe(60);
    expect(count(db, `select count(*) n from points_ledger where member_id = 'g1' and delta = 50`)).toBe(1);
  });

  it('splits other members A/B; A waits for an order or times out after two hours', () => {
    const { db, runtime, advanceTo } = setup();
    runtime.ingest([a1, a2, b1].map((memberId) => ({ memberId, type: 'member_joined' })));
    const head = ['enter:t', 'exit:t:out', 'enter:gold', 'exit:gold:no', 'enter:ab'];
    expect(pathOf(db, b1)).toEqual([...head, 'exit:ab:B', 'enter:end_b']);
    expect(pathOf(db, a1)).toEqual([...head, 'exit:ab:A', 'enter:order']);

    advanceTo(T0 + HOUR);
    runtime.ingest([{ memberId: a1, type: 'order_paid', properties: { amount: 199 } }]);
    expect(pathOf(db, a1).slice(6)).toEqual(['enter:order', 'goal', 'exit:order:event', 'enter:end_paid']);

    advanceTo(T0 + 2 * HOUR);
    expect(pathOf(db, a2).slice(6)).toEqual(['enter:order', 'exit:order:timeout', 'enter:nudge', 'exit:nudge:out', 'enter:end_nudged']);
    expect(count(db, `select count(*) n from outbox where member_id = ? and channel = 'app_push'`, a2)).toBe(1);
    expect(count(db, `select count(*) n from enrolments where variant = 'A'`)).toBe(2);
    expect(count(db, `select count(*) n from enrolments where goal_at is not null`)).toBe(1);
  });

  it('never enrols a member twice when re-entry is "never", and ignores a re-sent event id', () => {
    const { db, runtime } = setup();
    const first = runtime.ingest([{ id: 'evt-1', memberId: 'g1', type: 'member_joined' }]);
    const again = runtime.ingest([{ id: 'evt-1', memberId: 'g1', type: 'member_joined' }]);
    const other = runtime.ingest([{ id: 'evt-2', memberId: 'g1', type: 'member_joined' }]);
    expect([first.enrolled, again.duplicates, other.enrolled]).toEqual([1, 1, 0]);
    expect(count(db, `select count(*) n from enrolments`)).toBe(1);
    expect(count(db, `select count(*) n from events`)).toBe(2);
  });

  it('skips a message for a member without consent on the channel', () => {
    const { db, runtime } = setup();
    addMembers(db, [{ id: 'g2', tier: 'gold', consent: { sms: false } }]);
    runtime.ingest([{ memberId: 'g2', type: 'member_joined' }]);
    runtime.deliverOutbox();
    expect(db.$client.prepare(`select status, reason from outbox where member_id = 'g2'`).get()).toEqual({ status: 'skipped', reason: 'no_consent' });
  });
});

describe('A/B assignment', () => {
  it('is deterministic and roughly proportional to the weights', () => {
    const weighted: JourneyDocument = {
      ...everyKind,
      id: 'weighted',
      entry: { reentry: 'always' },
      nodes: everyKind.nodes.map((n) =>
        n.id === 'ab' ? { ...n, config: { experiment: 'exp', variants: [{ key: 'A', weight: 20 }, { key: 'B', weight: 80 }] } } : n,
      ),
    };
    const { db, runtime } = makeEngine();
    const ids = Array.from({ length: 2000 }, (_, i) => `u${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    publish(db, weighted);
    runtime.ingest(ids.map((memberId) => ({ memberId, type: 'member_joined' })));
    const shareA = count(db, `select count(*) n from enrolments where variant = 'A'`) / ids.length;
    expect(shareA).toBeGreaterThan(0.17);
    expect(shareA).toBeLessThan(0.23);

    // Re-entering lands every member in the variant they had before.
    runtime.ingest(ids.slice(0, 300).map((memberId) => ({ memberId, type: 'member_joined' })));
    const changed = count(
      db,
      `select count(*) n from enrolments e1 join enrolments e2 on e1.member_id = e2.member_id and e1.entry_no = 1 and e2.entry_no = 2 where e1.variant <> e2.variant`,
    );
    expect(count(db, `select count(*) n from enrolments where entry_no = 2`)).toBe(300);
    expect(changed).toBe(0);
  });
});
