import { describe, expect, it } from 'vitest';
import { addMembers, count, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { chain, iso } from '@/test/journeys';
import { fireDueTriggers, nextTriggerDue, type TriggerHost } from './scheduled-triggers';

// The scheduled triggers need only TriggerHost, not the whole JourneyRuntime: here they run through a host that
// hands over exactly those members (anything else they reached for would be undefined and throw).

describe('scheduled triggers through the narrow TriggerHost', () => {
  it('enrol the members an audience trigger selects, with nothing else of the runtime', () => {
    const { db, clock, runtime } = makeEngine();
    addMembers(db, [{ id: 'g1', tier: 'gold' }, { id: 's1', tier: 'silver' }, { id: 'g2', tier: 'gold' }]);
    const at = T0 + 3 * HOUR;
    publish(db, chain('gold-once', [{ id: 't', kind: 'trigger.segment', config: { condition: { attr: 'tier', op: 'eq', value: 'gold' }, schedule: { once: iso(at) } } }]));
    const host: TriggerHost = {
      db,
      clock,
      versions: runtime.versions,
      transaction: (fn) => runtime.transaction(fn),
      refreshSegments: () => runtime.refreshSegments(),
      prefetchMembers: (ids) => runtime.prefetchMembers(ids),
      envFor: (memberId, now) => runtime.envFor(memberId, now),
      enrolIfAllowed: (version, memberId, env) => runtime.enrolIfAllowed(version, memberId, env),
    };

    expect(nextTriggerDue({ db })).toBe(at);
    expect(fireDueTriggers(host)).toBe(0);
    clock.set(at);
    expect(fireDueTriggers(host)).toBe(2);
    expect(count(db, `select count(*) n from enrolments`)).toBe(2);
    expect(count(db, `select count(*) n from trigger_schedules where next_run_at is null and cursor is null`)).toBe(1);
    runtime.settle();
    expect(pathOf(db, 'g1')).toEqual(['enter:t', 'exit:t:out', 'enter:end']);
    expect(pathOf(db, 's1')).toEqual([]);
  });
});
