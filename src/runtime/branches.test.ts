import { describe, expect, it } from 'vitest';
import { assignmentBucket } from '@/journey';
import { addMembers, count, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { graph, onEvent } from '@/test/journeys';

/** Where each member left `node`, as "member:handle". */
function exits(db: ReturnType<typeof makeEngine>['db'], node: string): string[] {
  return (db.$client.prepare(`select member_id || ':' || handle r from step_log where node_id = ? and kind = 'pass' and handle is not null order by member_id`).all(node) as { r: string }[]).map((r) => r.r);
}

describe('condition and split nodes on member paths', () => {
  it('branch.event: multi-branch on history, first match wins, else otherwise', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'big' }, { id: 'small' }, { id: 'none' }]);
    publish(
      db,
      graph(
        'ev',
        [
          onEvent('checkout_started'),
          {
            id: 'b',
            kind: 'branch.event',
            config: {
              branches: [
                { label: 'big spender', condition: { event: 'order_paid', within: 'P30D', where: { attr: 'properties.amount', op: 'gte', value: 500 } } },
                { label: 'any order', condition: { event: 'order_paid', within: 'P30D' } },
              ],
            },
          },
          { id: 'x0', kind: 'end' },
          { id: 'x1', kind: 'end' },
          { id: 'x2', kind: 'end' },
        ],
        [['t', 'b'], ['b', 'x0', 'b0'], ['b', 'x1', 'b1'], ['b', 'x2', 'else']],
      ),
    );
    runtime.ingest([
      { memberId: 'big', type: 'order_paid', properties: { amount: 800 } },
      { memberId: 'small', type: 'order_paid', properties: { amount: 80 } },
    ]);
    advanceTo(T0 + HOUR);
    runtime.ingest(['big', 'small', 'none'].map((memberId) => ({ memberId, type: 'checkout_started' })));
    expect(exits(db, 'b')).toEqual(['big:b0', 'none:else', 'small:b1']);
  });

  it('branch.time: yes inside the window on the member clock, no outside', () => {
    const noonShanghai = Date.parse('2026-11-04T12:00:00+08:00'); // 20:00 the day before in Los Angeles
    const { db, runtime } = makeEngine(':memory:', noonShanghai);
    addMembers(db, [{ id: 'sh', tz: 'Asia/Shanghai' }, { id: 'la', tz: 'America/Los_Angeles' }]);
    publish(
      db,
      graph('tm', [onEvent('member_joined'), { id: 'b', kind: 'branch.time', config: { between: ['09:00', '18:00'] } }, { id: 'y', kind: 'end' }, { id: 'n', kind: 'end' }], [
        ['t', 'b'],
        ['b', 'y', 'yes'],
        ['b', 'n', 'no'],
      ]),
      noonShanghai,
    );
    runtime.ingest(['sh', 'la'].map((memberId) => ({ memberId, type: 'member_joined' })));
    expect(exits(db, 'b')).toEqual(['la:no', 'sh:yes']);
  });

  it('branch.count: counts events since entry across a wait', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'twice' }, { id: 'once' }]);
    publish(
      db,
      graph(
        'cnt',
        [
          onEvent('member_joined'),
          { id: 'w', kind: 'wait.duration', config: { duration: 'P2D' } },
          { id: 'b', kind: 'branch.count', config: { event: 'page_view', sinceEntry: true, count: { op: 'gte', value: 2 } } },
          { id: 'y', kind: 'end' },
          { id: 'n', kind: 'end' },
        ],
        [['t', 'w'], ['w', 'b'], ['b', 'y', 'yes'], ['b', 'n', 'no']],
      ),
    );
    runtime.ingest([{ memberId: 'twice', type: 'page_view' }, { memberId: 'twice', type: 'page_view' }]); // before entry: not counted
    runtime.ingest(['twice', 'once'].map((memberId) => ({ memberId, type: 'member_joined' })));
    advanceTo(T0 + DAY);
    runtime.ingest([{ memberId: 'twice', type: 'page_view' }, { memberId: 'twice', type: 'page_view' }, { memberId: 'once', type: 'page_view' }]);
    advanceTo(T0 + 2 * DAY);
    expect(exits(db, 'b')).toEqual(['once:no', 'twice:yes']);
  });

  it('split.random: deterministic paths in proportion to the weights', () => {
    const { db, runtime } = makeEngine();
    const ids = Array.from({ length: 1500 }, (_, i) => `r${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    const { journeyId } = publish(
      db,
      graph(
        'rnd',
        [onEvent('member_joined'), { id: 's', kind: 'split.random', config: { paths: [{ key: 'p1', weight: 1 }, { key: 'p2', weight: 2 }] } }, { id: 'a', kind: 'end' }, { id: 'b', kind: 'end' }],
        [['t', 's'], ['s', 'a', 'p1'], ['s', 'b', 'p2']],
      ),
    );
    runtime.ingest(ids.map((memberId) => ({ memberId, type: 'member_joined' })));
    const expectedP1 = ids.filter((id) => assignmentBucket(journeyId, 'split:s', id) < 3333).length;
    expect(count(db, `select count(*) n from step_log where node_id = 's' and handle = 'p1'`)).toBe(expectedP1);
    expect(expectedP1 / ids.length).toBeGreaterThan(0.3);
    expect(expectedP1 / ids.length).toBeLessThan(0.37);
    expect(pathOf(db, 'r0').length).toBe(5);
  });
});
