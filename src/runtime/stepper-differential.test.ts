import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { JourneyAction, JourneyEvent, JourneySnapshot } from '@/journey';
import { addMembers, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { buildJourney, registryPalette } from '@/test/random-journey';

/**
 * Differential test: the engine steps members with its own fast path (journeyStepper: the machine's
 * transition with one reused actor scope) and persists a trimmed snapshot between steps. For random
 * journeys from the registry and random members and events, every macrostep it takes must equal XState's
 * own pure `transition(machine, snapshot, event)` — same state, same context, same actions — and the
 * snapshot it restores for the next step must be the state XState left (less the step-local overlays the
 * engine drops on purpose, see JourneyContext). The member's path in the step log then equals the nodes
 * XState entered.
 */
interface StepRecord {
  prev: JourneySnapshot;
  event: JourneyEvent;
  next: JourneySnapshot;
  actions: JourneyAction[];
}

const shape = (actions: readonly { type: string; params?: unknown }[]) =>
  actions.filter((a) => !a.type.startsWith('xstate.')).map((a) => ({ type: a.type, params: a.params ?? null }));
const stepLocal = ['tagChanges', 'groupChanges', 'assetChanges'] as const;
const persisted = (s: JourneySnapshot) => {
  const context: Record<string, unknown> = { ...s.context };
  for (const k of stepLocal) delete context[k];
  // The engine keeps its own visit counts (from `enter` actions) in the persisted snapshot.
  delete context.visits;
  return { value: s.value, status: s.status, context };
};

const palette = registryPalette();

describe('the engine’s stepper against XState’s own transition', () => {
  it('takes every macrostep as XState does, and the member’s path is the nodes XState entered', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { minLength: 5, maxLength: 60 }),
        fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ member: fc.nat({ max: 4 }), type: fc.constantFrom('order_paid', 'product_view', 'member_joined'), afterHours: fc.nat({ max: 96 }) }), { maxLength: 8 }),
        (choices, points, events) => {
          const { db, runtime, advanceTo } = makeEngine();
          const ids = points.map((_, i) => `p${i}`);
          addMembers(db, points.map((p, i) => ({ id: ids[i], points: p, tags: i % 2 ? ['vip'] : [] })));
          const { versionId } = publish(db, buildJourney(choices, palette));
          const version = runtime.versions.get(versionId);
          const records: StepRecord[] = [];
          const fast = version.step;
          version.step = (prev, event) => {
            const [next, actions] = fast(prev, event);
            records.push({ prev, event, next, actions });
            return [next, actions];
          };

          runtime.ingest(ids.map((memberId) => ({ memberId, type: 'member_joined' })));
          for (const e of [...events].sort((a, b) => a.afterHours - b.afterHours)) {
            advanceTo(T0 + e.afterHours * HOUR);
            if (e.member < ids.length) runtime.ingest([{ memberId: ids[e.member], type: e.type, properties: { amount: e.afterHours * 10 } }]);
          }
          advanceTo(T0 + 20 * DAY);

          // 1. Each macrostep equals XState's pure transition from the same snapshot and event.
          for (const r of records) {
            const [next, actions] = transition(version.machine, r.prev, r.event);
            expect(next.value).toEqual(r.next.value);
            expect(next.status).toBe(r.next.status);
            expect(next.context).toEqual(r.next.context);
            expect(shape(actions)).toEqual(shape(r.actions));
            compared++;
          }
          // 2. Between steps, the engine restores the state XState left; 3. its logged path is what XState entered.
          for (const memberId of ids) {
            const own = records.filter((r) => r.prev.context.memberId === memberId);
            for (const [i, r] of own.entries()) {
              // A member may hold several enrolments (re-entry): each step continues the state one of them was left in.
              if (r.event.type === 'journey.start') continue;
              expect(own.slice(0, i).map((o) => persisted(o.next))).toContainEqual(persisted(r.prev));
            }
            const entered = own.flatMap((r) => shape(r.actions).filter((a) => a.type === 'enter').map((a) => (a.params as { nodeId: string }).nodeId));
            const logged = pathOf(db, memberId).filter((s) => s.startsWith('enter:')).map((s) => s.slice('enter:'.length));
            // The log lists one enrolment after another; steps of several enrolments interleave in time.
            const starts = own.filter((r) => r.event.type === 'journey.start').length;
            if (starts === 1) expect(logged).toEqual(entered);
            else expect([...logged].sort()).toEqual([...entered].sort());
          }
          db.$client.close();
        },
      ),
      { numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  // Found by the test above: a wait whose exit leads straight back into itself is a self-transition, which
  // XState v5 takes without leaving the state (no exit, no entry) unless it is marked `reenter`; then
  // `setWake` did not run again and the member waited forever at the node with no wake time.
  it('re-arms a wait whose exit loops straight back into it', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'm', points: 0 }]);
    publish(db, {
      format: 'journey/v1',
      id: 'self-loop',
      name: 'Daily nudge',
      entry: { reentry: 'never' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
        { id: 'daily', kind: 'wait.duration', config: { duration: 'P1D' } },
      ],
      edges: [
        { source: 't', target: 'daily' },
        { source: 'daily', target: 'daily' },
      ],
    });
    runtime.ingest([{ memberId: 'm', type: 'member_joined' }]);
    advanceTo(T0 + 3 * DAY + HOUR);
    const passes = pathOf(db, 'm').filter((s) => s === 'exit:daily:out').length;
    db.$client.close();
    expect(passes).toBe(3);
  });

  // A loop back into "wait until 09:30" at the instant its timer fired (the virtual clock fires exactly on time)
  // used to re-arm for that same instant and spin; it now waits for the next 09:30.
  it('a loop back into "wait until a time of day" waits for the next day instead of spinning', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'm', points: 0 }]);
    publish(db, {
      format: 'journey/v1',
      id: 'daily-at',
      name: 'Every morning',
      entry: { reentry: 'never' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
        { id: 'morning', kind: 'wait.until', config: { time: '09:30' } },
        { id: 'nudge', kind: 'action.tag', config: { add: ['nudged'] } },
      ],
      edges: [
        { source: 't', target: 'morning' },
        { source: 'morning', target: 'nudge' },
        { source: 'nudge', target: 'morning' },
      ],
    });
    runtime.ingest([{ memberId: 'm', type: 'member_joined' }]);
    advanceTo(T0 + 3 * DAY + HOUR);
    const passes = pathOf(db, 'm').filter((s) => s === 'exit:morning:out').length;
    db.$client.close();
    // T0 is 08:00 in Shanghai: 09:30 on each of the three days (and the fourth morning is not yet reached).
    expect(passes).toBe(3);
  });
});
