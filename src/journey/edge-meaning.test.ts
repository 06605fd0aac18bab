import { describe, expect, it } from 'vitest';
import { edgeMeaning } from './edge-meaning';
import { cartAbandonmentJourney, welcomeJourney } from './examples';
import type { JourneyDocument } from './document';

/** Every edge of a document as "source:handle → meaning". */
function meanings(doc: JourneyDocument): Record<string, string> {
  const node = (id: string) => doc.nodes.find((n) => n.id === id);
  return Object.fromEntries(doc.edges.map((e) => [`${e.source}:${e.sourceHandle ?? 'out'}`, edgeMeaning(doc.goal, node(e.source), e.sourceHandle ?? 'out', node(e.target))]));
}

describe('what an edge means for the goal', () => {
  it('cart abandonment: both "paid" exits are goal-ward, ending unpaid is a drop, the rest goes on', () => {
    expect(meanings(cartAbandonmentJourney)).toEqual({
      'trigger:out': 'onward',
      'wait_1h:event': 'goal',
      'wait_1h:timeout': 'onward',
      'push:out': 'onward',
      'wait_24h:event': 'goal',
      'wait_24h:timeout': 'onward',
      'ab:coupon': 'onward',
      'coupon_msg:out': 'drop',
      'ab:control': 'drop',
    });
  });

  it('a journey without a goal has neither goal-ward edges nor drops', () => {
    const { goal: _goal, ...noGoal } = welcomeJourney;
    expect(new Set(Object.values(meanings(noGoal as JourneyDocument)))).toEqual(new Set(['onward']));
    expect(Object.values(meanings(welcomeJourney))).toContain('goal');
  });
});
