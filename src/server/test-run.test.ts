import { describe, expect, it } from 'vitest';
import { diffJourneys } from '@/journey';
import { cartAbandonmentJourney, welcomeJourney } from '@/journey/examples';
import { addMembers, count, HOUR, makeEngine, T0 } from '@/test/fixtures';
import { testRun } from './test-run';

describe('test run before launch', () => {
  it('runs a draft for one member on a virtual clock, with effects and decisions, storing nothing', () => {
    const { db } = makeEngine();
    addMembers(db, [{ id: 'demo', name: '李雷', consent: { sms: true } }]);
    const path = testRun(db, {
      document: welcomeJourney,
      memberId: 'demo',
      events: [{ afterMs: 2 * HOUR, type: 'order_paid', properties: { amount: 99 } }],
      start: Date.parse('2026-11-02T12:00:00+08:00'),
    })!;
    expect(path.steps.filter((s) => s.kind === 'enter').map((s) => s.nodeId)).toEqual(['trigger', 'welcome_msg', 'bonus', 'wait_order', 'done']);
    expect(path.steps.some((s) => s.kind === 'goal')).toBe(true);
    expect(path.effects.map((e) => `${e.nodeId}:${e.status}`)).toEqual(['welcome_msg:sent', 'bonus:sent']);
    expect(path.effects[0].text).toBe('Welcome 李雷! Your new-member coupon is waiting.');
    // The workspace database is untouched.
    expect(count(db, 'select count(*) n from enrolments')).toBe(0);
    expect(count(db, 'select count(*) n from journeys')).toBe(0);
  });

  it('shows quiet-hours deferral in the decisions', () => {
    const { db } = makeEngine();
    addMembers(db, [{ id: 'night' }]);
    const path = testRun(db, { document: welcomeJourney, memberId: 'night', start: Date.parse('2026-11-02T23:00:00+08:00') })!;
    expect(path.effects[0].decisions.map((d) => `${d.decision}:${d.reason}`)).toEqual(['deferred:quiet_hours', 'sent:record_only']);
  });

  it('refuses an invalid draft or an unknown member', () => {
    const { db } = makeEngine();
    addMembers(db, [{ id: 'x' }]);
    expect(() => testRun(db, { document: { ...welcomeJourney, edges: [] }, memberId: 'x', start: T0 })).toThrow(/not connected/);
    expect(() => testRun(db, { document: welcomeJourney, memberId: 'ghost', start: T0 })).toThrow('Unknown member "ghost"');
  });
});

describe('publish diff', () => {
  it('lists nodes added, removed and changed, ignoring positions', () => {
    const next = {
      ...welcomeJourney,
      nodes: welcomeJourney.nodes
        .filter((n) => n.id !== 'bonus')
        .map((n) => (n.id === 'reminder' ? { ...n, config: { channel: 'sms', template: 'Changed' } } : n.id === 'trigger' ? { ...n, position: { x: 1, y: 1 } } : n))
        .concat({ id: 'extra', kind: 'end' }),
    };
    expect(diffJourneys(welcomeJourney, next)).toMatchObject({ added: ['extra'], removed: ['bonus'], changed: ['reminder'], settingsChanged: false });
    expect(diffJourneys(null, cartAbandonmentJourney).added).toHaveLength(cartAbandonmentJourney.nodes.length);
  });
});
