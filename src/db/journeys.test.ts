import { describe, expect, it } from 'vitest';
import { getJourney, publishJourney, saveDraft, createJourney } from '@/db/journeys';
import { welcomeJourney } from '@/journey/examples';
import { count, makeEngine } from '@/test/fixtures';

describe('publishing', () => {
  it('refuses an invalid draft, names the node, and keeps what was stored', () => {
    const { db } = makeEngine();
    const id = createJourney(db, { name: 'Welcome', document: welcomeJourney });
    const first = publishJourney(db, id);
    expect(first.ok).toBe(true);

    const broken = { ...welcomeJourney, edges: welcomeJourney.edges.filter((e) => e.source !== 'reminder') };
    const saved = saveDraft(db, id, broken);
    expect(saved.problems.map((p) => `${p.nodeId}: ${p.message}`)).toEqual([
      'reminder: Handle "out" is not connected',
      'end_reminded: This node cannot be reached from the trigger',
    ]);
    const second = publishJourney(db, id);
    expect(second).toEqual({ ok: false, problems: saved.problems });
    expect(count(db, 'select count(*) n from journey_versions')).toBe(1);
    expect(getJourney(db, id)?.status).toBe('live');
  });

  it('freezes a new immutable version only when the document changed', () => {
    const { db } = makeEngine();
    const id = createJourney(db, { name: 'Welcome', document: welcomeJourney });
    const v1 = publishJourney(db, id);
    const same = publishJourney(db, id);
    saveDraft(db, id, { ...welcomeJourney, name: 'Welcome 2' });
    const v2 = publishJourney(db, id);
    if (!v1.ok || !same.ok || !v2.ok) throw new Error('publish failed');
    expect(same.version).toEqual(v1.version);
    expect(v2.version.number).toBe(2);
    expect(v2.version.hash).not.toBe(v1.version.hash);
    expect(() => saveDraft(db, id, { nodes: 'nope' })).toThrow();
    expect(getJourney(db, id)?.name).toBe('Welcome 2');
  });
});
