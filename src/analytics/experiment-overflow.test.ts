import { describe, expect, it } from 'vitest';
import { createPool, generateCodes } from '@/db/coupons';
import type { Db } from '@/db/client';
import { experimentReports } from '@/analytics/experiment-query';
import { assignmentBucket, type JourneyDocument } from '@/journey';
import { addMembers, DAY, HOUR, makeEngine, publish, T0 } from '@/test/fixtures';
import { graph, onEvent, rows } from '@/test/journeys';

// An A/B test whose "coupon" variant is capped by a pool of N codes: once the pool runs out, members whose hash
// bucket is "coupon" are moved to "control". The report compares only the fair window: members who took their
// assigned variant before the first move.

const POOL_SIZE = 5;
const MEMBERS = 40;

/** The A/B journey; `pool` caps the coupon variant (undefined: an ordinary split). */
function abDoc(pool: string | undefined, codesPool: string): JourneyDocument {
  return graph(
    'ab-overflow',
    [
      onEvent('go'),
      { id: 'ab', kind: 'split.ab', config: { experiment: 'gift', variants: [{ key: 'coupon', weight: 1, ...(pool ? { poolId: pool } : {}) }, { key: 'control', weight: 1, control: true }] } },
      { id: 'reward', kind: 'action.reward', config: { reward: { type: 'coupon', poolId: codesPool } } },
      { id: 'end_coupon', kind: 'end' },
      { id: 'end_control', kind: 'end' },
    ],
    [['t', 'ab'], ['ab', 'reward', 'coupon'], ['reward', 'end_coupon'], ['ab', 'end_control', 'control']],
    { policy: { quietHours: 'off' }, goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false } },
  );
}

function poolOf(db: Db, codes: number): string {
  const id = createPool(db, { name: 'Gift' }, 'test', T0);
  generateCodes(db, id, codes, T0);
  return id;
}

/** A member-derived number in [0, 1), independent of the split's hash. */
const draw = (id: string) => assignmentBucket('test', 'buy', id) / 10_000;

/** Members arrive one an hour; about a third of them buy (with an amount, for revenue) after everyone arrived. */
function run(capped: boolean, codes: number) {
  const { db, runtime, advanceTo } = makeEngine();
  const ids = Array.from({ length: MEMBERS }, (_, i) => `m${String(i).padStart(2, '0')}`);
  addMembers(db, ids.map((id) => ({ id })));
  const pool = poolOf(db, codes);
  const doc = abDoc(capped ? pool : undefined, pool);
  const { journeyId } = publish(db, doc);
  const arrival = new Map<string, number>();
  ids.forEach((memberId, i) => {
    const at = T0 + (i + 1) * HOUR;
    advanceTo(at);
    runtime.ingest([{ memberId, type: 'go' }]);
    arrival.set(memberId, at);
  });
  const buyers = ids.filter((id) => draw(id) < 0.35);
  advanceTo(T0 + 2 * DAY);
  runtime.ingest(buyers.map((memberId) => ({ memberId, type: 'order_paid', properties: { amount: 10 } })));
  const [report] = experimentReports(db, journeyId, doc, { now: T0 + 3 * DAY });
  return { db, journeyId, ids, arrival, buyers, report };
}

/** The variant a member's hash bucket gives them at the split (weights 1:1, "coupon" first). */
const bucketOf = (journeyId: string) => (id: string) => (assignmentBucket(journeyId, 'gift', id) < 5000 ? 'coupon' : 'control');

describe('experiment report at an A/B split capped by a coupon pool', () => {
  it('records assigned and taken variants, and compares only members who took their assigned variant before the first move', () => {
    const { db, journeyId, ids, arrival, buyers, report } = run(true, POOL_SIZE);
    const assigned = bucketOf(journeyId);
    // Walk the arrivals by hand: the first POOL_SIZE members assigned "coupon" take it, later ones are moved.
    let stock = POOL_SIZE;
    const took = new Map<string, string>();
    for (const id of ids) {
      if (assigned(id) === 'coupon' && stock > 0) {
        stock--;
        took.set(id, 'coupon');
      } else took.set(id, 'control');
    }
    const moved = ids.filter((id) => took.get(id) !== assigned(id));
    expect(moved.length).toBeGreaterThan(0);
    const since = arrival.get(moved[0])!;

    // Every member's row: the variant taken, the one assigned, and when.
    const recorded = rows<{ member_id: string; variant: string; assigned: string | null; at: number }>(
      db,
      `select e.member_id, v.variant, v.assigned, v.at from enrolment_variants v join enrolments e on e.id = v.enrolment_id where v.journey_id = ? order by e.member_id`,
      journeyId,
    );
    expect(recorded).toEqual(ids.map((id) => ({ member_id: id, variant: took.get(id), assigned: assigned(id), at: arrival.get(id) })));
    expect(rows(db, `select count(*) as n from coupon_codes where member_id is not null`)).toEqual([{ n: POOL_SIZE }]);

    // The fair window by hand: took their assigned variant, and arrived before the first move.
    const fair = ids.filter((id) => took.get(id) === assigned(id) && arrival.get(id)! < since);
    const later = ids.filter((id) => took.get(id) === assigned(id) && arrival.get(id)! >= since);
    expect(later.length).toBeGreaterThan(0);
    for (const key of ['coupon', 'control']) {
      const arm = fair.filter((id) => assigned(id) === key);
      const v = report.result.variants.find((r) => r.key === key)!;
      expect({ key, assigned: v.assigned, reached: v.reached }).toEqual({ key, assigned: arm.length, reached: arm.filter((id) => buyers.includes(id)).length });
      expect(report.result.revenue?.arms.find((a) => a.key === key)?.members).toBe(arm.length);
    }
    expect(report.overflow).toEqual({ moved: moved.length, later: later.length, since });
    expect(report.heldOut).toBe(0);
  });

  it('a pool that never runs out: assigned recorded, nothing left out, every member counted where they went', () => {
    const { db, journeyId, ids, buyers, report } = run(true, 100);
    const assigned = bucketOf(journeyId);
    const recorded = rows<{ member_id: string; variant: string; assigned: string | null }>(
      db,
      `select e.member_id, v.variant, v.assigned from enrolment_variants v join enrolments e on e.id = v.enrolment_id where v.journey_id = ? order by e.member_id`,
      journeyId,
    );
    expect(recorded).toEqual(ids.map((id) => ({ member_id: id, variant: assigned(id), assigned: assigned(id) })));
    expect(report.overflow).toBeNull();
    for (const key of ['coupon', 'control']) {
      const arm = ids.filter((id) => assigned(id) === key);
      expect(report.result.variants.find((r) => r.key === key)).toMatchObject({ assigned: arm.length, reached: arm.filter((id) => buyers.includes(id)).length });
    }
  });

  it('an uncapped split (the pool runs out, but does not cap it) records no assigned variant and counts everyone as before', () => {
    const { db, journeyId, ids, buyers, report } = run(false, POOL_SIZE);
    const bucket = bucketOf(journeyId);
    const recorded = rows<{ member_id: string; variant: string; assigned: string | null }>(
      db,
      `select e.member_id, v.variant, v.assigned from enrolment_variants v join enrolments e on e.id = v.enrolment_id where v.journey_id = ? order by e.member_id`,
      journeyId,
    );
    expect(recorded).toEqual(ids.map((id) => ({ member_id: id, variant: bucket(id), assigned: null })));
    expect(report.overflow).toBeNull();
    for (const key of ['coupon', 'control']) {
      const arm = ids.filter((id) => bucket(id) === key);
      expect(report.result.variants.find((r) => r.key === key)).toMatchObject({ assigned: arm.length, reached: arm.filter((id) => buyers.includes(id)).length });
    }
  });
});
