import { afterAll, describe, expect, it } from 'vitest';
import { compileJourney, getNodeKind, nodeKinds, validateJourney, type JourneyDocument } from '@/journey';
import { segments } from '@/db/schema';
import { nextNodeId } from '@/stores/editor-doc';
import { addMembers, DAY, HOUR, makeEngine, pathOf, publish, T0 } from './fixtures';
import { registerFixtureKinds } from './fixture-kinds';
import { describeKindContract } from './kind-contract';
import { buildJourney, registryPalette } from './random-journey';
import { renderKindForm, renderPalette } from './render-kind-form';

/**
 * Acceptance for "one kind, one module": two kinds that live only in src/test/fixture-kinds (a definition
 * module and a UI module each, registered here and nowhere else) are picked up everywhere.
 */
const unregister = registerFixtureKinds();
afterAll(unregister);

// The same contract suite as every built-in kind.
describeKindContract('wait.for_segment');
describeKindContract('trigger.check_in');

const journey: JourneyDocument = {
  format: 'journey/v1',
  id: 'club',
  name: 'Big spenders club',
  entry: { reentry: 'never' },
  nodes: [
    { id: 't', kind: 'trigger.check_in', config: { minStreak: 3 } },
    { id: 'w', kind: 'wait.for_segment', config: { segment: 'big_spenders', timeout: 'P3D' } },
    { id: 'welcome', kind: 'action.tag', config: { add: ['club'] } },
    { id: 'done', kind: 'end' },
    { id: 'gave_up', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'w' },
    { source: 'w', sourceHandle: 'in', target: 'welcome' },
    { source: 'w', sourceHandle: 'timeout', target: 'gave_up' },
    { source: 'welcome', target: 'done' },
  ],
};

describe('a node kind added in a test fixture, without edits elsewhere', () => {
  it('is validated by its own schema, with its own Chinese message', () => {
    expect(validateJourney(journey)).toEqual([]);
    const bad = { ...journey, nodes: journey.nodes.map((n) => (n.id === 'w' ? { ...n, config: { segment: '', timeout: 'P3D' } } : n)) };
    const problem = validateJourney(bad).find((p) => p.nodeId === 'w');
    expect(problem?.message).toBe('Choose the segment to wait for');
    expect(problem?.messageZh).toBe('请选择要等待进入的人群');
  });

  it('compiles to a wait that leaves by "in" or "timeout"', () => {
    const w = compileJourney(journey).states.w;
    expect(JSON.stringify(w)).toContain('"segment":"big_spenders"');
    expect(w.on?.['timer.fire']).toBeDefined();
  });

  it('runs: the event-driven fixture trigger fires, a member in the segment goes on, one outside it times out', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [
      { id: 'rich', points: 5000 },
      { id: 'poor', points: 10 },
      { id: 'new', points: 5000 },
    ]);
    db.insert(segments).values({ id: 'big_spenders', name: 'Big spenders', condition: { attr: 'points', op: 'gte', value: 1000 }, createdAt: T0 }).run();
    runtime.refreshSegments();
    const { versionId } = publish(db, journey);
    // The trigger's event is indexed with the version, so ingest finds the journey for a check-in.
    expect(db.$client.prepare('select trigger_event from journey_versions where id = ?').pluck().get(versionId)).toBe('sign_in');
    runtime.ingest([
      { memberId: 'rich', type: 'sign_in', properties: { streak: 3 } },
      { memberId: 'poor', type: 'sign_in', properties: { streak: 5 } },
      // Not a streak yet: the fixture trigger's own `triggeredBy` says no.
      { memberId: 'new', type: 'sign_in', properties: { streak: 1 } },
    ]);
    advanceTo(T0 + HOUR);
    expect(pathOf(db, 'rich')).toEqual(['enter:t', 'exit:t:out', 'enter:w', 'exit:w:in', 'enter:welcome', 'exit:welcome:out', 'enter:done']);
    expect(pathOf(db, 'poor')).toEqual(['enter:t', 'exit:t:out', 'enter:w']);
    advanceTo(T0 + 4 * DAY);
    expect(pathOf(db, 'poor')).toEqual(['enter:t', 'exit:t:out', 'enter:w', 'exit:w:timeout', 'enter:gave_up']);
    expect(pathOf(db, 'new')).toEqual([]);
    expect(db.$client.prepare("select tag from member_tags where member_id = 'rich'").pluck().all()).toContain('club');
    db.$client.close();
  });

  it('appears in the palette in both languages, gets its own id prefix, and renders its form', () => {
    expect(renderPalette('en')).toContain('data-testid="palette-wait.for_segment"');
    expect(renderPalette('zh-CN')).toContain('等待进入人群');
    expect(renderPalette('en')).toContain('data-testid="palette-trigger.check_in"');
    expect(nextNodeId('wait.for_segment', new Set(['waitseg1']))).toBe('waitseg2');
    expect(renderKindForm('wait.for_segment', { segment: '', timeout: 'P1D' }, 'zh-CN')).toContain('请选择要等待进入的人群');
  });

  it('joins the generated journeys of the property test', () => {
    expect(nodeKinds.map((k) => k.kind)).toContain('wait.for_segment');
    const palette = registryPalette();
    const kinds = new Set(Array.from({ length: 40 }, (_, seed) => buildJourney([seed * 37 + 1, seed, 3, seed * 11 + 2, 7], palette).nodes.map((n) => n.kind)).flat());
    expect(kinds.has('wait.for_segment')).toBe(true);
    expect(getNodeKind('wait.for_segment')?.isWait).toBe(true);
  });
});
