import { describe, expect, it } from 'vitest';
import { journeyStats } from '@/analytics/node-stats';
import { publishJourney, saveDraft, setJourneyStatus } from '@/db/journeys';
import type { JourneyDocument } from '@/journey';
import { addMembers, count, DAY, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';

const v1: JourneyDocument = {
  format: 'journey/v1',
  id: 'life',
  name: 'Lifecycle',
  entry: { reentry: 'never' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
    { id: 'wait', kind: 'wait.duration', config: { duration: 'P2D' } },
    { id: 'hello', kind: 'action.message', config: { channel: 'app_push', template: 'v1 hello' } },
    { id: 'x', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'wait' },
    { source: 'wait', target: 'hello' },
    { source: 'hello', target: 'x' },
  ],
};
/** v2 changes the message and adds a node after it. */
const v2: JourneyDocument = {
  ...v1,
  nodes: [...v1.nodes.filter((n) => n.id !== 'hello'), { id: 'hello', kind: 'action.message', config: { channel: 'app_push', template: 'v2 hello' } }, { id: 'tag', kind: 'action.tag', config: { add: ['v2'] } }],
  edges: [{ source: 't', target: 'wait' }, { source: 'wait', target: 'hello' }, { source: 'hello', target: 'tag' }, { source: 'tag', target: 'x' }],
};

function setup() {
  const env = makeEngine();
  addMembers(env.db, ['a', 'b', 'c', 'd'].map((id) => ({ id })));
  const { journeyId, versionId } = publish(env.db, v1);
  return { ...env, journeyId, versionId };
}

const texts = (db: ReturnType<typeof makeEngine>['db']) =>
  (db.$client.prepare(`select member_id m, payload p from outbox where type = 'message' order by member_id`).all() as { m: string; p: string }[]).map(
    (r) => `${r.m}:${JSON.parse(r.p).text}`,
  );

describe('journey lifecycle', () => {
  it('pause stops enrolments and holds waiting members; resume fires late timers at once', () => {
    const { db, runtime, advanceTo, journeyId } = setup();
    runtime.ingest([{ memberId: 'a', type: 'member_joined' }]);
    setJourneyStatus(db, journeyId, 'paused');
    runtime.ingest([{ memberId: 'b', type: 'member_joined' }]);
    expect(count(db, 'select count(*) n from enrolments')).toBe(1);

    advanceTo(T0 + 5 * DAY);
    expect(pathOf(db, 'a').at(-1)).toBe('enter:wait');
    expect(count(db, `select count(*) n from enrolments where status = 'waiting'`)).toBe(1);

    setJourneyStatus(db, journeyId, 'live');
    expect(runtime.fireDueTimers()).toBe(1);
    expect(pathOf(db, 'a').slice(-5)).toEqual(['enter:wait', 'exit:wait:out', 'enter:hello', 'exit:hello:out', 'enter:x']);
    expect(count(db, `select created_at n from outbox where member_id = 'a'`)).toBe(T0 + 5 * DAY);
  });

  it('a new version keeps in-flight members on their version by default', () => {
    const { db, runtime, advanceTo, journeyId, versionId } = setup();
    runtime.ingest([{ memberId: 'a', type: 'member_joined' }, { memberId: 'b', type: 'member_joined' }]);
    saveDraft(db, journeyId, v2);
    const res = publishJourney(db, journeyId, T0 + DAY);
    if (!res.ok) throw new Error('publish failed');
    expect([res.migrated, res.kept]).toEqual([0, 2]);
    runtime.ingest([{ memberId: 'c', type: 'member_joined' }]);
    advanceTo(T0 + 4 * DAY);
    expect(texts(db)).toEqual(['a:v1 hello', 'b:v1 hello', 'c:v2 hello']);
    expect(journeyStats(db, journeyId, versionId).nodes.hello.entered).toBe(2);
    expect(journeyStats(db, journeyId, res.version.id).nodes.hello.entered).toBe(1);
    expect(journeyStats(db, journeyId).nodes.hello.entered).toBe(3);
  });

  it('migrates waiting members by node id when the publisher asks', () => {
    const { db, runtime, advanceTo, journeyId, versionId } = setup();
    runtime.ingest([{ memberId: 'a', type: 'member_joined' }, { memberId: 'b', type: 'member_joined' }]);
    saveDraft(db, journeyId, v2);
    const res = publishJourney(db, journeyId, T0 + DAY, { migrate: true });
    if (!res.ok) throw new Error('publish failed');
    expect([res.migrated, res.kept]).toEqual([2, 0]);
    advanceTo(T0 + 4 * DAY);
    expect(texts(db)).toEqual(['a:v2 hello', 'b:v2 hello']);
    expect(count(db, `select count(*) n from member_tags where tag = 'v2'`)).toBe(2);
    // Each version keeps its own counts: v1 saw the entries, v2 the rest of the path.
    const old = journeyStats(db, journeyId, versionId).nodes;
    const next = journeyStats(db, journeyId, res.version.id).nodes;
    expect([old.wait.entered, old.wait.exited, old.hello?.entered ?? 0]).toEqual([2, 0, 0]);
    expect([next.wait.exited, next.hello.entered, next.tag.entered]).toEqual([2, 2, 2]);
  });

  it('members at a node missing from the new version stay on the old one', () => {
    const { db, runtime, advanceTo, journeyId } = setup();
    runtime.ingest([{ memberId: 'a', type: 'member_joined' }]);
    const v3: JourneyDocument = {
      ...v1,
      nodes: v1.nodes.map((n) => (n.id === 'wait' ? { ...n, id: 'pause' } : n)),
      edges: [{ source: 't', target: 'pause' }, { source: 'pause', target: 'hello' }, { source: 'hello', target: 'x' }],
    };
    saveDraft(db, journeyId, v3);
    const res = publishJourney(db, journeyId, T0 + DAY, { migrate: true });
    if (!res.ok) throw new Error('publish failed');
    expect([res.migrated, res.kept]).toEqual([0, 1]);
    advanceTo(T0 + 3 * DAY);
    expect(pathOf(db, 'a').at(-1)).toBe('enter:x');
  });
});
