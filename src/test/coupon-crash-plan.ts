import type { JourneyDocument } from '@/journey';
import { createPool, uploadCodes } from '@/db/coupons';
import { addMembers, HOUR, makeEngine, publish, T0 } from './fixtures';

export const POOL_CODES = 1_000;
export const ENTRANTS = 1_200;

/** Join → a unique code from the pool → an hour later, an SMS with `{{coupon.code}}`. */
export function couponJourney(poolId: string): JourneyDocument {
  return {
    format: 'journey/v1',
    id: 'coupons',
    name: 'Coupons',
    entry: { reentry: 'never' },
    policy: { quietHours: 'off' },
    nodes: [
      { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
      { id: 'gift', kind: 'action.reward', config: { reward: { type: 'coupon', poolId } } },
      { id: 'wait', kind: 'wait.duration', config: { duration: 'PT1H' } },
      { id: 'tell', kind: 'action.message', config: { channel: 'sms', template: 'Hi {{member.name}}, your code: {{coupon.code}}' } },
      { id: 'end', kind: 'end' },
    ],
    edges: [
      { source: 't', target: 'gift' },
      { source: 'gift', target: 'wait' },
      { source: 'wait', target: 'tell' },
      { source: 'tell', target: 'end' },
    ],
  };
}

export const codeList = () => Array.from({ length: POOL_CODES }, (_, i) => `WIN-${String(i).padStart(5, '0')}`).join('\n');

/**
 * Runs (or resumes) the plan against a database file: a pool of 1,000 codes, 1,200 members joining over 4 hours in
 * small batches, each delivered as it comes. Safe to repeat after a kill: events carry ids, effects their keys.
 */
export function runCouponPlan(file: string): void {
  const { db, runtime, clock, advanceTo } = makeEngine(file);
  const ready = db.$client.prepare(`select count(*) n from journeys`).get() as { n: number };
  if (ready.n === 0) {
    db.transaction(() => {
      addMembers(db, Array.from({ length: ENTRANTS }, (_, i) => ({ id: `m${i}`, name: `M${i}` })));
      const poolId = createPool(db, { name: 'Winter', lowStock: 50 }, 'test', T0);
      uploadCodes(db, poolId, codeList(), T0);
      publish(db, couponJourney(poolId));
    });
  }
  for (let i = 0; i < ENTRANTS; i += 10) {
    const at = T0 + (i / 10) * 2 * 60_000;
    if (at > clock.now()) advanceTo(at);
    runtime.ingest(Array.from({ length: 10 }, (_, k) => ({ id: `join-${i + k}`, memberId: `m${i + k}`, type: 'member_joined', occurredAt: new Date(at).toISOString() })));
  }
  advanceTo(T0 + 6 * HOUR);
  db.$client.close();
}
