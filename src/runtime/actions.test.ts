// The test receivers listen on 127.0.0.1: allowed as an on-premise receiver would be.
process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addMembers, count, DAY, HOUR, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';
import { addMember, chain, graph, onEvent, rows } from '@/test/journeys';
import { deliverWebhooks, WEBHOOK_MAX_ATTEMPTS } from './webhooks';

const head = ['enter:t', 'exit:t:out'];

describe('action.tag', () => {
  it('adds and removes member_tags rows; a later segment check after a wait sees the new tag', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'm1', tags: ['newbie', 'keep'] }]);
    const doc = graph(
      'tagging',
      [
        onEvent('go'),
        { id: 'tag', kind: 'action.tag', config: { add: ['vip'], remove: ['newbie'] } },
        { id: 'wait', kind: 'wait.duration', config: { duration: 'PT1H' } },
        { id: 'isVip', kind: 'branch.segment', config: { condition: { tag: 'vip' } } },
        { id: 'end_vip', kind: 'end' },
        { id: 'end_other', kind: 'end' },
      ],
      [['t', 'tag'], ['tag', 'wait'], ['wait', 'isVip'], ['isVip', 'end_vip', 'yes'], ['isVip', 'end_other', 'no']],
    );
    const { journeyId } = publish(db, doc);
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    advanceTo(T0 + HOUR);

    expect(rows(db, `select tag from member_tags where member_id = 'm1' order by tag`)).toEqual([{ tag: 'keep' }, { tag: 'vip' }]);
    expect(pathOf(db, 'm1', journeyId)).toEqual([
      ...head,
      'enter:tag',
      'exit:tag:out',
      'enter:wait',
      'exit:wait:out',
      'enter:isVip',
      'exit:isVip:yes',
      'enter:end_vip',
    ]);
    expect(rows(db, `select type, status from outbox`)).toEqual([{ type: 'tag', status: 'sent' }]);
  });

  it('a branch right after the tag node sees the new tag, applied in the step’s own transaction, and the overlay is not stored in the snapshot', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', tags: ['newbie'] }]);
    const doc = graph(
      'tag-then-branch',
      [
        onEvent('go'),
        { id: 'tag', kind: 'action.tag', config: { add: ['vip'], remove: ['newbie'] } },
        { id: 'isVip', kind: 'branch.segment', config: { condition: { all: [{ tag: 'vip' }, { not: { tag: 'newbie' } }] } } },
        { id: 'end_vip', kind: 'end' },
        { id: 'end_other', kind: 'end' },
      ],
      [['t', 'tag'], ['tag', 'isVip'], ['isVip', 'end_vip', 'yes'], ['isVip', 'end_other', 'no']],
    );
    const { journeyId } = publish(db, doc);
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    // Applied in the step's own transaction (no delivery pass); the branch in the same macrostep saw it through the machine's context.
    expect(rows(db, `select status from outbox where member_id = 'm1'`)).toEqual([{ status: 'sent' }]);
    expect(rows(db, `select tag from member_tags where member_id = 'm1'`)).toEqual([{ tag: 'vip' }]);
    expect(pathOf(db, 'm1', journeyId).slice(-2)).toEqual(['exit:isVip:yes', 'enter:end_vip']);
    const snapshot = JSON.parse(String(rows(db, `select snapshot from enrolments where member_id = 'm1'`)[0]?.snapshot));
    expect(snapshot.context.tagChanges).toBeUndefined();
  });
});

describe('effects applied in the step', () => {
  it('the member’s next event, in the same batch, sees a tag and points a journey gave in the step before', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', points: 0 }]);
    publish(db, chain('give', [onEvent('first'), { id: 'tag', kind: 'action.tag', config: { add: ['vip'] } }, { id: 'earn', kind: 'action.asset', config: { asset: 'points', delta: 500 } }]));
    const { journeyId } = publish(
      db,
      graph(
        'check-next',
        [
          onEvent('second'),
          { id: 'isVip', kind: 'branch.segment', config: { condition: { tag: 'vip' } } },
          { id: 'rich', kind: 'branch.attribute', config: { condition: { attr: 'points', op: 'gte', value: 500 } } },
          { id: 'end_yes', kind: 'end' },
          { id: 'end_no', kind: 'end' },
          { id: 'end_poor', kind: 'end' },
        ],
        [['t', 'isVip'], ['isVip', 'rich', 'yes'], ['isVip', 'end_no', 'no'], ['rich', 'end_yes', 'yes'], ['rich', 'end_poor', 'no']],
      ),
    );
    // Both events in one ingest: one inbox batch, one transaction, no delivery pass in between.
    runtime.ingest([{ memberId: 'm1', type: 'first' }, { memberId: 'm1', type: 'second' }]);
    expect(pathOf(db, 'm1', journeyId).slice(-4)).toEqual(['exit:isVip:yes', 'enter:rich', 'exit:rich:yes', 'enter:end_yes']);
    expect(rows(db, `select type, status, reason from outbox where member_id = 'm1' order by id`)).toEqual([
      { type: 'tag', status: 'sent', reason: 'sent' },
      { type: 'asset', status: 'sent', reason: 'sent' },
    ]);
    expect(count(db, `select count(*) n from delivery_log where member_id = 'm1' and decision = 'sent'`)).toBe(2);
  });
});

describe('action.asset', () => {
  it('moves points, growth and stored value through their ledgers and sets the tier', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', points: 10, tier: 'silver' }]);
    const { journeyId } = publish(
      db,
      chain('assets', [
        onEvent('go'),
        { id: 'earn', kind: 'action.asset', config: { asset: 'points', delta: 30 } },
        { id: 'spend', kind: 'action.asset', config: { asset: 'points', delta: -5 } },
        { id: 'grow', kind: 'action.asset', config: { asset: 'growth', delta: 20 } },
        { id: 'topup', kind: 'action.asset', config: { asset: 'stored_value', delta: 500 } },
        { id: 'tier', kind: 'action.asset', config: { tier: 'gold' } },
      ]),
    );
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    // Applied in the step itself, not by a later delivery pass; delivering again changes nothing.
    expect(count(db, `select points n from members where id = 'm1'`)).toBe(35);
    runtime.deliverOutbox();

    expect(rows(db, `select delta, kind, reason from points_ledger where member_id = 'm1' order by id`)).toEqual([
      { delta: 30, kind: 'earn', reason: `journey:${journeyId}:earn` },
      { delta: -5, kind: 'adjust', reason: `journey:${journeyId}:spend` },
    ]);
    expect(rows(db, `select asset, delta, value from asset_ledger where member_id = 'm1' order by id`)).toEqual([
      { asset: 'growth', delta: 20, value: null },
      { asset: 'stored_value', delta: 500, value: null },
      { asset: 'tier', delta: null, value: 'gold' },
    ]);
    expect(rows(db, `select points, growth, stored_value, tier from members where id = 'm1'`)).toEqual([
      { points: 35, growth: 20, stored_value: 500, tier: 'gold' },
    ]);
  });

  it('a check right after the change sees the new balance and tier, applied in the step; the overlay is not stored in the snapshot', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', points: 950, tier: 'silver' }]);
    const doc = graph(
      'asset-then-branch',
      [
        onEvent('go'),
        { id: 'earn', kind: 'action.asset', config: { asset: 'points', delta: 80 } },
        { id: 'upgrade', kind: 'action.asset', config: { tier: 'gold' } },
        { id: 'check', kind: 'branch.attribute', config: { condition: { all: [{ attr: 'points', op: 'gte', value: 1000 }, { attr: 'tier', op: 'eq', value: 'gold' }] } } },
        { id: 'end_yes', kind: 'end' },
        { id: 'end_no', kind: 'end' },
      ],
      [['t', 'earn'], ['earn', 'upgrade'], ['upgrade', 'check'], ['check', 'end_yes', 'yes'], ['check', 'end_no', 'no']],
    );
    const { journeyId } = publish(db, doc);
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    expect(rows(db, `select points, tier from members where id = 'm1'`)).toEqual([{ points: 1030, tier: 'gold' }]);
    expect(pathOf(db, 'm1', journeyId).slice(-2)).toEqual(['exit:check:yes', 'enter:end_yes']);
    const snapshot = JSON.parse(String(rows(db, `select snapshot from enrolments where member_id = 'm1'`)[0]?.snapshot));
    expect(snapshot.context.assetChanges).toBeUndefined();
  });
});

describe('action.group', () => {
  it('adds a member_groups row that a later {segment: group} check sees; remove deletes it', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'joiner' }, { id: 'leaver' }]);
    db.$client.prepare(`insert into member_groups (group_id, member_id, added_at) values ('vip_followup', 'leaver', ?)`).run(T0 - DAY);
    const build = (id: string, op: 'add' | 'remove') =>
      graph(
        id,
        [
          onEvent(`${op}_me`),
          { id: 'group', kind: 'action.group', config: { group: 'vip_followup', op } },
          { id: 'wait', kind: 'wait.duration', config: { duration: 'P1D' } },
          { id: 'inGroup', kind: 'branch.segment', config: { condition: { segment: 'vip_followup' } } },
          { id: 'end_in', kind: 'end' },
          { id: 'end_out', kind: 'end' },
        ],
        [['t', 'group'], ['group', 'wait'], ['wait', 'inGroup'], ['inGroup', 'end_in', 'yes'], ['inGroup', 'end_out', 'no']],
      );
    publish(db, build('group-add', 'add'));
    publish(db, build('group-remove', 'remove'));
    runtime.ingest([
      { memberId: 'joiner', type: 'add_me' },
      { memberId: 'leaver', type: 'remove_me' },
    ]);
    advanceTo(T0 + DAY);

    expect(rows(db, `select group_id, member_id, added_at from member_groups`)).toEqual([{ group_id: 'vip_followup', member_id: 'joiner', added_at: T0 }]);
    expect(pathOf(db, 'joiner').slice(-2)).toEqual(['exit:inGroup:yes', 'enter:end_in']);
    expect(pathOf(db, 'leaver').slice(-2)).toEqual(['exit:inGroup:no', 'enter:end_out']);
  });

  it('a check right after the group node sees the change, applied in the step; the overlay is not stored in the snapshot', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'joiner' }, { id: 'leaver' }]);
    db.$client.prepare(`insert into member_groups (group_id, member_id, added_at) values ('vip_followup', 'leaver', ?)`).run(T0 - DAY);
    const build = (id: string, op: 'add' | 'remove') =>
      graph(
        id,
        [
          onEvent(`${op}_me`),
          { id: 'group', kind: 'action.group', config: { group: 'vip_followup', op } },
          { id: 'inGroup', kind: 'branch.segment', config: { condition: { segment: 'vip_followup' } } },
          { id: 'end_in', kind: 'end' },
          { id: 'end_out', kind: 'end' },
        ],
        [['t', 'group'], ['group', 'inGroup'], ['inGroup', 'end_in', 'yes'], ['inGroup', 'end_out', 'no']],
      );
    publish(db, build('group-add-now', 'add'));
    publish(db, build('group-remove-now', 'remove'));
    runtime.ingest([
      { memberId: 'joiner', type: 'add_me' },
      { memberId: 'leaver', type: 'remove_me' },
    ]);
    // Applied in each step's transaction; the checks in the same macrostep saw the change through the machine's context.
    expect(rows(db, `select member_id from member_groups`)).toEqual([{ member_id: 'joiner' }]);
    expect(pathOf(db, 'joiner').slice(-2)).toEqual(['exit:inGroup:yes', 'enter:end_in']);
    expect(pathOf(db, 'leaver').slice(-2)).toEqual(['exit:inGroup:no', 'enter:end_out']);
    const snapshots = rows(db, `select snapshot from enrolments`).map((r) => JSON.parse(String(r.snapshot)).context);
    expect(snapshots.map((c) => c.groupChanges)).toEqual([undefined, undefined]);
  });
});

describe('action.handoff', () => {
  it("creates a task for the member's associate with rendered text and a due time", () => {
    const { db, runtime } = makeEngine();
    addMember(db, { id: 'm1', name: '李雷', associate: 'assoc-7' });
    addMember(db, { id: 'm2', name: 'Orphan' });
    const { journeyId } = publish(
      db,
      chain('handoff', [onEvent('go'), { id: 'call', kind: 'action.handoff', config: { task: 'Call {{member.name}} about tier {{member.tier}}', due: 'P2D' } }]),
    );
    runtime.ingest([{ memberId: 'm1', type: 'go' }, { memberId: 'm2', type: 'go' }]);
    runtime.deliverOutbox();

    expect(rows(db, `select member_id, associate, journey_id, node_id, text, status, due_at, created_at from tasks order by member_id`)).toEqual([
      { member_id: 'm1', associate: 'assoc-7', journey_id: journeyId, node_id: 'call', text: 'Call 李雷 about tier bronze', status: 'open', due_at: T0 + 2 * DAY, created_at: T0 },
      { member_id: 'm2', associate: null, journey_id: journeyId, node_id: 'call', text: 'Call Orphan about tier bronze', status: 'open', due_at: T0 + 2 * DAY, created_at: T0 },
    ]);
    expect(rows(db, `select member_id, status, reason from outbox order by member_id`)).toEqual([
      { member_id: 'm1', status: 'sent', reason: 'sent' },
      { member_id: 'm2', status: 'sent', reason: 'no_associate' },
    ]);
  });
});

describe('action.reward', () => {
  it('issues coupon, benefit and growth rewards; only growth touches a ledger', () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1', points: 7 }]);
    publish(
      db,
      chain('rewards', [
        onEvent('go'),
        { id: 'coupon', kind: 'action.reward', config: { reward: { type: 'coupon', couponId: 'C-20', value: 20 } } },
        { id: 'benefit', kind: 'action.reward', config: { reward: { type: 'benefit', benefitId: 'free-shipping' } } },
        { id: 'growth', kind: 'action.reward', config: { reward: { type: 'growth', amount: 15 } } },
      ]),
    );
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    runtime.deliverOutbox();

    const outbox = rows<{ node_id: string; status: string; payload: string }>(db, `select node_id, status, payload from outbox order by id`);
    expect(outbox.map(({ payload, ...r }) => ({ ...r, reward: JSON.parse(payload).reward }))).toEqual([
      { node_id: 'coupon', status: 'sent', reward: { type: 'coupon', couponId: 'C-20', value: 20 } },
      { node_id: 'benefit', status: 'sent', reward: { type: 'benefit', benefitId: 'free-shipping' } },
      { node_id: 'growth', status: 'sent', reward: { type: 'growth', amount: 15 } },
    ]);
    expect(rows(db, `select asset, delta from asset_ledger`)).toEqual([{ asset: 'growth', delta: 15 }]);
    expect(count(db, `select count(*) n from points_ledger`)).toBe(0);
    expect(rows(db, `select points, growth from members`)).toEqual([{ points: 7, growth: 15 }]);
  });
});

describe('exactly-once effects', () => {
  const pointsAfterWait = chain('once', [
    onEvent('go'),
    { id: 'wait', kind: 'wait.duration', config: { duration: 'PT1H' } },
    { id: 'pts', kind: 'action.reward', config: { reward: { type: 'points', amount: 50 } } },
  ]);

  it('delivering the outbox twice, or re-settling a row, never adds a second ledger row', () => {
    const { db, runtime, advanceTo } = makeEngine();
    addMembers(db, [{ id: 'm1' }]);
    publish(db, pointsAfterWait);
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    advanceTo(T0 + HOUR);
    expect(runtime.deliverOutbox()).toBe(0);
    // As if a crash lost the row's settled status: the retry finds the ledger key already used.
    db.$client.prepare(`update outbox set status = 'pending'`).run();
    expect(runtime.deliverOutbox()).toBe(1);
    expect(count(db, `select count(*) n from points_ledger`)).toBe(1);
    expect(count(db, `select points n from members`)).toBe(50);
  });

  it('re-running the step from the stored snapshot reuses the effect key', () => {
    const { db, runtime, advanceTo, clock } = makeEngine();
    addMembers(db, [{ id: 'm1' }]);
    publish(db, pointsAfterWait);
    runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    const before = db.$client.prepare(`select snapshot, status, node_id, wake_at from enrolments`).get() as Record<string, unknown>;
    advanceTo(T0 + HOUR);
    expect(count(db, `select count(*) n from points_ledger`)).toBe(1);

    // Put the enrolment back as it was before the timer fired and fire it again.
    db.$client.prepare(`update enrolments set snapshot = ?, status = ?, node_id = ?, wake_at = ?`).run(before.snapshot, before.status, before.node_id, before.wake_at);
    expect(runtime.fireDueTimers()).toBe(1);
    expect(runtime.deliverOutbox()).toBe(0);
    advanceTo(clock.now() + HOUR);
    expect(count(db, `select count(*) n from outbox`)).toBe(1);
    expect(count(db, `select count(*) n from points_ledger`)).toBe(1);
    expect(count(db, `select points n from members`)).toBe(50);
  });
});

describe('webhook messages', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  });

  interface Received {
    key: string | undefined;
    body: Record<string, unknown>;
  }

  async function serve(status: number): Promise<{ url: string; received: Received[] }> {
    const received: Received[] = [];
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(data) });
        res.writeHead(status).end();
      });
    });
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
  }

  function setup(url: string) {
    const env = makeEngine();
    addMembers(env.db, [{ id: 'm1', name: 'Wei' }]);
    const { journeyId } = publish(env.db, chain('hook', [onEvent('go'), { id: 'hook', kind: 'action.message', config: { channel: 'webhook', template: 'Hello {{member.name}}', url } }]));
    env.runtime.ingest([{ memberId: 'm1', type: 'go' }]);
    // The in-process delivery leaves webhooks alone.
    env.runtime.deliverOutbox();
    return { ...env, journeyId };
  }

  it('POSTs once with the outbox key as Idempotency-Key and marks the row sent', async () => {
    const { url, received } = await serve(200);
    const { db, journeyId } = setup(url);
    const key = (db.$client.prepare(`select idempotency_key k from outbox`).get() as { k: string }).k;
    expect(rows(db, `select status, attempts from outbox`)).toEqual([{ status: 'pending', attempts: 0 }]);

    expect(await deliverWebhooks(db, T0)).toBe(1);
    expect(await deliverWebhooks(db, T0 + HOUR)).toBe(0);
    expect(received).toEqual([{ key, body: { memberId: 'm1', journeyId, nodeId: 'hook', text: 'Hello Wei', key } }]);
    expect(rows(db, `select status, attempts, delivered_at from outbox`)).toEqual([{ status: 'sent', attempts: 1, delivered_at: T0 }]);
  });

  it('backs off after failures and ends dead after the last attempt', async () => {
    const { url, received } = await serve(500);
    const { db } = setup(url);
    const state = () => db.$client.prepare(`select status, attempts, deliver_after, reason from outbox`).get() as Record<string, unknown>;

    let now = T0;
    const schedule: number[] = [];
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect(await deliverWebhooks(db, now - 1)).toBe(0);
      expect(await deliverWebhooks(db, now)).toBe(1);
      const s = state();
      expect(s.attempts).toBe(attempt);
      if (attempt < WEBHOOK_MAX_ATTEMPTS) {
        expect(s).toMatchObject({ status: 'pending', reason: 'http_500' });
        schedule.push((s.deliver_after as number) - now);
        now = s.deliver_after as number;
      } else {
        expect(s).toMatchObject({ status: 'dead', reason: 'http_500' });
      }
    }
    expect(schedule).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(new Set(received.map((r) => r.key)).size).toBe(1);
    expect(await deliverWebhooks(db, now + DAY)).toBe(0);
    expect(rows(db, `select decision, count(*) n from delivery_log group by decision order by decision`)).toEqual([
      { decision: 'dead', n: 1 },
      { decision: 'failed', n: 4 },
    ]);
  });
});
