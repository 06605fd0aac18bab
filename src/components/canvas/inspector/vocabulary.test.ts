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
    // An event filter reads the event's properties: not a member attribute, but a property of that event.
    expect(v.attributes).not.toContain('properties.score');
    expect(v.eventProperties.mini_game_played).toEqual(['properties.score']);
    expect(v.eventProperties.order_paid).toEqual(['properties.amount']);
    expect(v.tags).toEqual(['vip', 'cold', 'engaged', 'kol']);
    expect(v.segments).toEqual(['high_value', 'vip_followup']);
    expect(v.groups).toEqual(['high_value', 'vip_followup']);
  });

  it('never lists a name twice across the example journeys', () => {
    for (const doc of exampleJourneys) {
      const v = collectVocabulary(doc);
      for (const list of Object.values(v).filter(Array.isArray)) expect(new Set(list).size).toBe(list.length);
    }
  });

  it("adds the workspace's own segments, groups, tags, events and attributes, with hints", () => {
    const v = collectVocabulary(
      { nodes: [{ id: 'b', kind: 'branch.segment', config: { condition: { segment: 'high_value' } } }] },
      {
        segments: [{ id: 'dormant_90d', name: 'Dormant 90 days' }],
        groups: [{ id: 'spring_vips', members: 12 }],
        tags: [{ tag: 'vip', members: 40 }, { tag: 'kol', members: 3 }],
        events: ['order_paid', 'lipstick_tried'],
        attributes: ['attributes.rfm', 'attributes.favourite_store'],
        eventProperties: { order_paid: ['properties.amount', 'properties.store'], lipstick_tried: ['properties.shade'] },
      },
    );
    expect(v.segments).toEqual(['dormant_90d', 'high_value', 'spring_vips']);
    expect(v.groups).toEqual(['dormant_90d', 'high_value', 'spring_vips']);
    expect(v.tags).toEqual(['vip', 'kol']);
    expect(v.events.filter((e) => e === 'order_paid')).toHaveLength(1);
    expect(v.events.at(-1)).toBe('lipstick_tried');
    expect(v.attributes.at(-1)).toBe('attributes.favourite_store');
    expect(v.eventProperties.order_paid).toEqual(['properties.amount', 'properties.store']);
    expect(v.eventProperties.lipstick_tried).toEqual(['properties.shade']);
    expect(v.hints).toEqual({ segmentNames: { dormant_90d: 'Dormant 90 days' }, groupSizes: { spring_vips: 12 }, tagSizes: { vip: 40, kol: 3 } });
  });
});
