import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJourney, validateJourney, type JourneyDocument, type JourneyEdge, type JourneyNode } from '@/journey';
import { addMembers, count, DAY, makeEngine, publish, T0 } from '@/test/fixtures';

/** Node kinds a generated journey may use, with a valid config each. */
const palette: { kind: string; config: (n: number) => Record<string, unknown> }[] = [
  { kind: 'action.message', config: (n) => ({ channel: ['sms', 'email', 'app_push'][n % 3], template: `Hi {{member.name}} #${n}` }) },
  { kind: 'action.reward', config: (n) => ({ reward: { type: 'points', amount: 10 + n } }) },
  { kind: 'action.tag', config: (n) => ({ add: [`t${n % 3}`] }) },
  { kind: 'wait.duration', config: (n) => ({ duration: `PT${1 + (n % 48)}H` }) },
  { kind: 'wait.event', config: (n) => ({ event: 'order_paid', timeout: `P${1 + (n % 5)}D` }) },
  { kind: 'branch.attribute', config: (n) => ({ condition: { attr: 'points', op: 'gte', value: n * 100 } }) },
  { kind: 'branch.count', config: (n) => ({ event: 'order_paid', count: { op: 'gte', value: n % 3 } }) },
  { kind: 'branch.time', config: () => ({ between: ['09:00', '21:00'] }) },
  { kind: 'split.ab', config: (n) => ({ experiment: `e${n}`, variants: [{ key: 'A', weight: 1 + (n % 4) }, { key: 'B', weight: 2 }] }) },
  { kind: 'split.random', config: () => ({ paths: [{ key: 'x', weight: 1 }, { key: 'y', weight: 1 }, { key: 'z', weight: 1 }] }) },
];
const handlesOf: Record<string, string[]> = {
  'wait.event': ['event', 'timeout'],
  'branch.attribute': ['yes', 'no'],
  'branch.count': ['yes', 'no'],
  'branch.time': ['yes', 'no'],
  'split.ab': ['A', 'B'],
  'split.random': ['x', 'y', 'z'],
};

/** Builds a valid journey from random choices: a tree below the trigger, plus loops back to waits. */
function buildJourney(choices: number[]): JourneyDocument {
  const nodes: JourneyNode[] = [{ id: 't', kind: 'trigger.event', config: { event: 'member_joined' } }];
  const edges: JourneyEdge[] = [];
  const waits: string[] = [];
  let i = 0;
  const next = () => choices[i++ % choices.length];
  const grow = (source: string, handle: string, depth: number) => {
    const c = next();
    if (depth > 4 || c % 5 === 0 || nodes.length > 30) {
      // Close the path with an end, or now and then loop back to an earlier wait.
      if (waits.length && c % 7 === 1) edges.push({ source, sourceHandle: handle, target: waits[c % waits.length] });
      else {
        const id = `end${nodes.length}`;
        nodes.push({ id, kind: 'end' });
        edges.push({ source, sourceHandle: handle, target: id });
      }
      return;
    }
    const pick = palette[c % palette.length];
    const id = `n${nodes.length}`;
    nodes.push({ id, kind: pick.kind, config: pick.config(next()) });
    edges.push({ source, sourceHandle: handle, target: id });
    if (pick.kind.startsWith('wait.')) waits.push(id);
    for (const h of handlesOf[pick.kind] ?? ['out']) grow(id, h, depth + 1);
  };
  grow('t', 'out', 0);
  return { format: 'journey/v1', id: 'gen', name: 'Generated', entry: { reentry: 'always' }, nodes, edges };
}

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
