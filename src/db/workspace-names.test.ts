import { describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { addMembers, makeEngine, publish, T0 } from '@/test/fixtures';
import { workspaceNames } from './workspace-names';

describe('workspace names for the pickers', () => {
  it('lists segments, groups and tags with sizes, recent event types, trigger events and custom attributes', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'a', tags: ['vip', 'early_bird'] }, { id: 'b', tags: ['vip'] }, { id: 'c' }]);
    db.$client.exec(`update members set attributes = '{"rfm":"loyal","favourite_store":"S001"}' where id = 'a'`);
    db.$client.exec(`insert into segments (id, name, condition, created_at) values ('dormant_90d', 'Dormant 90 days', '{"tag":"x"}', 0), ('big_spenders', 'Big spenders', '{"tag":"y"}', 0)`);
    db.$client.exec(`insert into member_groups (group_id, member_id, added_at) values ('spring_vips', 'a', 0), ('spring_vips', 'b', 0), ('store_s001', 'c', 0)`);
    publish(db, welcomeJourney);
    runtime.ingest([
      { memberId: 'c', type: 'store_visit', properties: { store: 'S001' } },
      { memberId: 'a', type: 'lipstick_tried', occurredAt: new Date(T0).toISOString(), properties: { shade: 'rose', price: 199 } },
      { memberId: 'b', type: 'lipstick_tried', properties: { shade: 'coral', sample: true } },
    ]);

    const names = workspaceNames(db);
    expect(names.segments).toEqual([
      { id: 'big_spenders', name: 'Big spenders' },
      { id: 'dormant_90d', name: 'Dormant 90 days' },
    ]);
    expect(names.groups).toEqual([
      { id: 'spring_vips', members: 2 },
      { id: 'store_s001', members: 1 },
    ]);
    expect(names.tags).toEqual([
      { tag: 'early_bird', members: 1 },
      { tag: 'vip', members: 2 },
    ]);
    // The welcome journey's trigger event counts even though nobody has sent it yet.
    expect(names.events).toEqual(['lipstick_tried', 'member_joined', 'store_visit']);
    expect(names.attributes).toEqual(['attributes.favourite_store', 'attributes.rfm']);
    expect(names.eventProperties).toEqual({
      lipstick_tried: ['properties.price', 'properties.sample', 'properties.shade'],
      store_visit: ['properties.store'],
    });
  });

  it('is empty, not an error, on an empty workspace', () => {
    const { db } = makeEngine();
    expect(workspaceNames(db)).toEqual({ segments: [], groups: [], tags: [], events: [], attributes: [], eventProperties: {} });
  });
});
