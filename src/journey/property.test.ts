import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJourney, validateJourney } from '@/journey';
import { addMembers, count, DAY, makeEngine, publish, T0 } from '@/test/fixtures';
import { buildJourney as buildRandomJourney, registryPalette } from '@/test/random-journey';

/**
 * Every kind inside a journey, with its registered example configs: a new kind is generated as soon as it is
 * registered. Loops may lead back into "wait until a time of day" at the very millisecond its timer fired (the
 * virtual clock fires timers exactly on time): it then re-arms for the next day instead of spinning.
 */
const palette = registryPalette();
const buildJourney = (choices: number[]) => buildRandomJourney(choices, palette);

const choicesArb = fc.array(fc.nat({ max: 1000 }), { minLength: 5, maxLength: 60 });

describe('property: generated journeys', () => {
  it('are valid, and compile deterministically', () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        const doc = buildJourney(choices);
        expect(validateJourney(doc)).toEqual([]);
        const a = JSON.stringify(compileJourney(doc));
        const shuffled = { ...doc, nodes: [...doc.nodes].reverse() };
        expect(JSON.stringify(compileJourney(shuffled))).toBe(a);
      }),
      { numRuns: 150 },
    );
  });

  it('leave every member completed or waiting on a timer, never stuck or throwing', () => {
    fc.assert(
      fc.property(choicesArb, fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 8 }), (choices, points) => {
        const { db, runtime, advanceTo } = makeEngine();
        const ids = points.map((_, i) => `p${i}`);
        addMembers(db, points.map((p, i) => ({ id: ids[i], points: p })));
        publish(db, buildJourney(choices));
        runtime.ingest(ids.map((memberId) => ({ memberId, type: 'member_joined' })));
        advanceTo(T0 + 2 * DAY);
        runtime.ingest(ids.filter((_, i) => i % 2).map((memberId) => ({ memberId, type: 'order_paid' })));
        advanceTo(T0 + 30 * DAY);
        const stuck = count(db, `select count(*) n from enrolments where not (status = 'completed' or (status = 'waiting' and wake_at > ?))`, T0 + 30 * DAY);
        expect(stuck).toBe(0);
        expect(count(db, 'select count(*) n from enrolments')).toBe(ids.length);
        db.$client.close();
      }),
      { numRuns: 60 },
    );
  });
});
