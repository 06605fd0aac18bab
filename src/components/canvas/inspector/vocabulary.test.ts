import { describe, expect, it } from 'vitest';
import { exampleJourneys } from '@/journey/examples';
import { collectVocabulary } from './vocabulary';

describe('picker vocabulary', () => {
  it('offers the standard names plus those the journey uses', () => {
    const v = collectVocabulary({
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: 'mini_game_played', where: { attr: 'properties.score', op: 'gt', value: 10 } } },
        { id: 'b', kind: 'branch.segment', config: { condition: { any: [{ tag: 'kol' }, { segment: 'high_value' }] } } },
        { id: 'a', kind: 'branch.attribute', config: { condition: { attr: 'attributes.shoe_size', op: 'eq', value: 42 } } },
        { id: 'g', kind: 'action.group', config: { group: 'vip_followup', op: 'add' } },
        { id: 'x', kind: 'action.tag', config: { add: ['engaged'], remove: ['cold'] } },
      ],
      goal: { event: 'coupon_redeemed', exitOnGoal: false },
    });
    expect(v.events).toContain('mini_game_played');
    expect(v.events.slice(0, 3)).toEqual(['signup', 'member_joined', 'order_paid']);
    expect(v.attributes).toContain('attributes.shoe_size');
    // An event filter reads the event's properties: not a member attribute.
    expect(v.attributes).not.toContain('properties.score');
    expect(v.tags).toEqual(['vip', 'cold', 'engaged', 'kol']);
    expect(v.segments).toEqual(['high_value', 'vip_followup']);
    expect(v.groups).toEqual(['high_value', 'vip_followup']);
  });

  it('never lists a name twice across the example journeys', () => {
    for (const doc of exampleJourneys) {
      const v = collectVocabulary(doc);
      for (const list of Object.values(v)) expect(new Set(list).size).toBe(list.length);
    }
  });
});
