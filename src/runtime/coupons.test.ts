import { describe, expect, it } from 'vitest';
import { createPool, generateCodes, poolCounts, uploadCodes } from '@/db/coupons';
import { addMembers, count, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { chain, graph, onEvent, rows } from '@/test/journeys';

const quiet = { policy: { quietHours: 'off' as const } };

function poolWith(db: Parameters<typeof createPool>[0], codes: string[]): string {
  const id = createPool(db, { name: 'P' }, 'test', T0);
  uploadCodes(db, id, codes.join('\n'), T0);
  return id;
}

describe('{{coupon.code}} in messages', () => {
  it('a message right after the reward, and one a day later, show the code issued in this journey; subject and template params too', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'm1', name: 'Lin' }, { id: 'm2', name: 'Wu' }]);
    const pool = poolWith(db, ['FIRST', 'SECOND']);
    const doc = chain(
      'codes',
      [
        onEvent('go'),
        { id: 'gift', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: pool } } },
        { id: 'now', kind: 'action.message', config: { channel: 'email', subject: 'Your code {{coupon.code}}', template: '<b>{{member.name}}</b>: {{ coupon.code }}' } },
        { id: 'wait', kind: 'wait.duration', config: { duration: 'P1D' } },
        { id: 'later', kind: 'action.message', config: { channel: 'sms', template: 'Reminder: {{coupon.code}}', templateId: 'SMS_1', params: { code: '{{coupon.code}}', name: '{{member.name}}' } } },
      ],
      quiet,
    );
    publish(db, doc);
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    advanceTo(T0 + HOUR);
    runtime.ingest([{ memberId: 'm2', type: 'go' }]);
    advanceTo(T0 + 2 * 24 * HOUR);
    const messages = rows<{ member_id: string; node_id: string; payload: string }>(db, `select member_id, node_id, payload from outbox where type = 'message' order by member_id, id`).map((r) => ({
      member: r.member_id,
      node: r.node_id,
      ...(JSON.parse(r.payload) as { text: string; subject?: string; params?: Record<string, string> }),
    }));
    expect(messages.map(({ member, node, text, subject, params }) => ({ member, node, text, subject, params }))).toEqual([
      { member: 'm1', node: 'now', text: '<b>Lin</b>: FIRST', subject: 'Your code FIRST', params: undefined },
      { member: 'm1', node: 'later', text: 'Reminder: FIRST', subject: undefined, params: { code: 'FIRST', name: '{{member.name}}' } },
      { member: 'm2', node: 'now', text: '<b>Wu</b>: SECOND', subject: 'Your code SECOND', params: undefined },
      { member: 'm2', node: 'later', text: 'Reminder: SECOND', subject: undefined, params: { code: 'SECOND', name: '{{member.name}}' } },
    ]);
  });

  it('a member whose reward was skipped (pool empty) gets the message with an empty code, and the skip is in the decision log', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1' }]);
    const pool = poolWith(db, []);
    const { journeyId } = publish(db, chain('empty', [onEvent('go'), { id: 'gift', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: pool } } }, { id: 'say', kind: 'action.message', config: { channel: 'sms', template: 'Code: [{{coupon.code}}]' } }], quiet));
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    runtime.deliverOutbox();
    const effects = rows<{ node_id: string; status: string; reason: string; payload: string }>(db, `select node_id, status, reason, payload from outbox order by id`);
    expect(effects.map(({ payload, ...r }) => ({ ...r, text: JSON.parse(payload).text ?? null }))).toEqual([
      { node_id: 'gift', status: 'skipped', reason: 'pool_exhausted', text: null },
      { node_id: 'say', status: 'sent', reason: 'record_only', text: 'Code: []' },
    ]);
    expect(rows(db, `select decision, reason from delivery_log where journey_id = ? order by id`, journeyId)).toEqual([
      { decision: 'skipped', reason: 'pool_exhausted' },
      { decision: 'sent', reason: 'record_only' },
    ]);
  });
});

describe('coupon_redeemed', () => {
  it('marks the member\'s code redeemed and still starts journeys listening for it; another member cannot redeem it', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1' }, { id: 'm2' }]);
    const pool = poolWith(db, ['R-1']);
    publish(db, chain('give', [onEvent('go'), { id: 'gift', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: pool } } }], quiet));
    const thanks = publish(db, chain('thanks', [onEvent('coupon_redeemed'), { id: 'tag', kind: 'action.tag', config: { add: ['redeemer'] } }], quiet));
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    runtime.deliverOutbox();
    runtime.ingest([{ memberId: 'm2', type: 'coupon_redeemed', properties: { code: 'R-1' } }]);
    expect(poolCounts(db, pool, T0)).toMatchObject({ issued: 1, redeemed: 0 });
    runtime.ingest([{ memberId: 'm1', type: 'coupon_redeemed', properties: { poolId: pool, code: 'R-1' } }]);
    runtime.deliverOutbox();
    expect(poolCounts(db, pool, T0)).toMatchObject({ issued: 0, redeemed: 1 });
    expect(rows(db, `select status, member_id, redeemed_at from coupon_codes`)).toEqual([{ status: 'redeemed', member_id: 'm1', redeemed_at: T0 }]);
    expect(pathOf(db, 'm1', thanks.journeyId)).toContain('enter:tag');
    expect(count(db, `select count(*) n from member_tags where tag = 'redeemer'`)).toBe(2);
  });
});

describe('split paths capped by a coupon pool', () => {
  const splitter = (pool: string) =>
    graph(
      'capped',
      [
        onEvent('go'),
        { id: 'split', kind: 'split.random', config: { paths: [{ key: 'gift', weight: 1, poolId: pool }, { key: 'plain', weight: 1 }] } },
        { id: 'reward', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: pool } } },
        { id: 'end_gift', kind: 'end' },
        { id: 'end_plain', kind: 'end' },
      ],
      [['t', 'split'], ['split', 'reward', 'gift'], ['reward', 'end_gift'], ['split', 'end_plain', 'plain']],
      quiet,
    );

  it('a splitter sends no more members down the capped path than the pool has codes, even within one batch; the rest take the other path', () => {
    const { db, runtime } = makeEngine();
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    const pool = poolWith(db, ['A', 'B', 'C']);
    const { journeyId } = publish(db, splitter(pool));
    // All 40 in one batch: stock is read once, and the batch's own rewards count against it.
    runtime.ingest(ids.map((memberId) => ({ memberId, type: 'go' })));
    runtime.deliverOutbox();
    const took = (handle: string) => count(db, `select count(*) n from enrolments where journey_id = ? and node_id = ?`, journeyId, handle);
    expect(took('end_gift')).toBe(3);
    expect(took('end_plain')).toBe(37);
    expect(rows(db, `select status, reason, count(*) n from outbox group by 1, 2`)).toEqual([{ status: 'sent', reason: 'sent', n: 3 }]);
    // Stocked up again: the capped path opens for the next entrants.
    generateCodes(db, pool, 100, T0);
    addMembers(db, [{ id: 'late1' }, { id: 'late2' }, { id: 'late3' }, { id: 'late4' }]);
    runtime.ingest(['late1', 'late2', 'late3', 'late4'].map((memberId) => ({ memberId, type: 'go' })));
    runtime.deliverOutbox();
    expect(took('end_gift')).toBeGreaterThan(3);
  });

  it('an A/B variant capped by a pool: exhausted, its members go to the other variant and are recorded there', () => {
    const { db, runtime } = makeEngine();
    const ids = Array.from({ length: 30 }, (_, i) => `a${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    const pool = poolWith(db, []);
    const doc = graph(
      'ab-capped',
      [
        onEvent('go'),
        { id: 'ab', kind: 'split.ab', config: { experiment: 'gift', variants: [{ key: 'coupon', weight: 1, poolId: pool }, { key: 'control', weight: 1, control: true }] } },
        { id: 'end_a', kind: 'end' },
        { id: 'end_b', kind: 'end' },
      ],
      [['t', 'ab'], ['ab', 'end_a', 'coupon'], ['ab', 'end_b', 'control']],
      quiet,
    );
    const { journeyId } = publish(db, doc);
    runtime.ingest(ids.map((memberId) => ({ memberId, type: 'go' })));
    expect(rows(db, `select variant, count(*) n from enrolments where journey_id = ? group by 1`, journeyId)).toEqual([{ variant: 'control', n: 30 }]);
  });
});
