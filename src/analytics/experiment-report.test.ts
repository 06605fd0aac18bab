import { describe, expect, it } from 'vitest';
import { analyseExperiment, experimentsOf } from '@/analytics/experiments';
import { journeyStats } from '@/analytics/node-stats';
import { declareWinner, getJourney, saveDraft } from '@/db/journeys';
import { assignmentBucket, type JourneyDocument } from '@/journey';
import { addMembers, count, DAY, HOUR, makeEngine, publish, T0 } from '@/test/fixtures';

const abJourney: JourneyDocument = {
  format: 'journey/v1',
  id: 'abtest',
  name: 'AB test',
  entry: { reentry: 'never' },
  goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false },
  policy: { quietHours: 'off' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'checkout_started' } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'offer', variants: [{ key: 'A', weight: 50, control: true }, { key: 'B', weight: 50 }] } },
    { id: 'msgA', kind: 'action.message', config: { channel: 'sms', template: 'Reminder' } },
    { id: 'msgB', kind: 'action.message', config: { channel: 'sms', template: 'Reminder + coupon' } },
    { id: 'endA', kind: 'end' },
    { id: 'endB', kind: 'end' },
  ],
  edges: [
    { source: 't', target: 'ab' },
    { source: 'ab', sourceHandle: 'A', target: 'msgA' },
    { source: 'ab', sourceHandle: 'B', target: 'msgB' },
    { source: 'msgA', target: 'endA' },
    { source: 'msgB', target: 'endB' },
  ],
};

describe('experiment report on a real population', () => {
  it('finds the better variant, and "declare winner" routes new entrants to it', () => {
    const { db, runtime, advanceTo } = makeEngine();
    const ids = Array.from({ length: 3000 }, (_, i) => `x${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    const { journeyId } = publish(db, abJourney);
    runtime.ingest(ids.map((memberId) => ({ memberId, type: 'checkout_started' })));
    // By construction B members buy 30% of the time and A members 18%, using a member-derived pseudo-random number.
    const buyers = ids.filter((id) => {
      const b = assignmentBucket(journeyId, 'offer', id) < 5000 ? 'A' : 'B';
      const u = assignmentBucket('purchase', 'draw', id) / 10_000;
      return u < (b === 'B' ? 0.3 : 0.18);
    });
    advanceTo(T0 + 2 * DAY);
    runtime.ingest(buyers.map((memberId) => ({ memberId, type: 'order_paid' })));

    const stats = journeyStats(db, journeyId);
    const assignedA = ids.filter((id) => assignmentBucket(journeyId, 'offer', id) < 5000).length;
    expect(stats.variants.ab.A.assigned).toBe(assignedA);
    expect(stats.variants.ab.B.assigned).toBe(3000 - assignedA);
    expect(stats.variants.ab.A.reached + stats.variants.ab.B.reached).toBe(buyers.length);
    expect(stats.totals.goalReached).toBe(buyers.length);

    const [exp] = experimentsOf(abJourney);
    const result = analyseExperiment(exp.variants.map((v) => ({ ...v, ...stats.variants.ab[v.key] })));
    const b = result.variants.find((v) => v.key === 'B')!;
    expect(result.control).toBe('A');
    expect(b.vsControl!.absolute).toBeGreaterThan(0.08);
    expect(b.vsControl!.absoluteCi.low).toBeGreaterThan(0);
    expect(b.vsControl!.pValue).toBeLessThan(0.001);
    expect(b.probabilityBest).toBeGreaterThan(0.99);
    expect(result.srm.mismatch).toBe(false);

    // An unpublished edit in the draft survives declaring a winner.
    saveDraft(db, journeyId, { ...abJourney, nodes: abJourney.nodes.map((n) => (n.id === 'msgA' ? { ...n, config: { channel: 'sms', template: 'Edited' } } : n)) });
    const declared = declareWinner(db, journeyId, 'ab', 'B', T0 + 3 * DAY);
    if (!declared.ok) throw new Error(JSON.stringify(declared.problems));
    expect(declared.version.number).toBe(2);
    const draft = getJourney(db, journeyId)!.draft;
    expect(draft.nodes.find((n) => n.id === 'msgA')?.config).toEqual({ channel: 'sms', template: 'Edited' });
    expect(draft.nodes.find((n) => n.id === 'ab')?.config).toMatchObject({ winner: 'B' });
    expect(experimentsOf(draft)[0].winner).toBe('B');
    const late = Array.from({ length: 200 }, (_, i) => `late${i}`);
    addMembers(db, late.map((id) => ({ id })));
    advanceTo(T0 + 3 * DAY + HOUR);
    runtime.ingest(late.map((memberId) => ({ memberId, type: 'checkout_started' })));
    expect(count(db, `select count(*) n from enrolments where member_id like 'late%' and variant = 'B'`)).toBe(200);
    // History is kept: version 1 still shows both variants.
    expect(journeyStats(db, journeyId, 1).variants.ab.A.assigned).toBe(assignedA);
  });
});
