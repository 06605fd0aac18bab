// The test receivers listen on 127.0.0.1: allowed as an on-premise receiver would be.
process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/root';
import { deliverWebhooks } from '@/runtime/webhooks';
import { addMembers, count, makeEngine, publish, T0, TEST_ADMIN } from '@/test/fixtures';
import { chain, onEvent } from '@/test/journeys';

describe('runtime router: dead letters visible and retriable', () => {
  it('lists a webhook that failed five times and sends it again on retry', async () => {
    const { db, runtime } = makeEngine();
    addMembers(db, [{ id: 'm1' }]);
    publish(db, chain('hook', [onEvent('member_joined'), { id: 'hook', kind: 'action.message', config: { channel: 'webhook', template: 'x', url: 'http://127.0.0.1:9/' } }]));
    runtime.ingest([{ memberId: 'm1', type: 'member_joined' }]);
    const failing = (async () => new Response('down', { status: 503 })) as unknown as typeof fetch;
    for (let i = 0; i < 5; i++) await deliverWebhooks(db, T0 + i * 3600_000, failing);

    const caller = appRouter.createCaller({ db, runtime, principal: TEST_ADMIN });
    const dead = await caller.runtime.deadLetters({ limit: 10 });
    expect(dead).toEqual([expect.objectContaining({ journeyId: 'hook', nodeId: 'hook', memberId: 'm1', channel: 'webhook', attempts: 5, reason: 'http_503' })]);
    expect((await caller.runtime.stats()).outboxDead).toBe(1);

    await caller.runtime.retry({ outboxId: dead[0].id });
    expect(count(db, `select count(*) n from outbox where status = 'pending' and attempts = 0`)).toBe(1);
    await expect(caller.runtime.retry({ outboxId: dead[0].id })).rejects.toThrow('is not a dead letter');
    const ok = (async () => new Response('ok', { status: 200 })) as unknown as typeof fetch;
    await deliverWebhooks(db, Date.now() + 1000, ok);
    expect(count(db, `select count(*) n from outbox where status = 'sent'`)).toBe(1);
  });
});
