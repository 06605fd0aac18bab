import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSmtpPools } from '@/channels/providers/smtp-pool';
import type { JourneyDocument } from '@/journey';
import type { Principal } from '@/auth/permissions';
import { addMembers, publish } from '@/test/fixtures';
import { localServer } from '@/test/local-http';

// Per-node message counts on a real database file, through the real worker, SMTP server, receipt and click routes.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-msg-counts-'));
process.env.DATABASE_PATH = path.join(dir, 'counts.db');
process.env.SEED_DEMO = '0';
process.env.SECRETS_KEY = 'message-counts-test-secrets-key';

const { getAppRuntime } = await import('@/runtime/app-runtime');
const { EngineWorker } = await import('@/runtime/worker');
const { systemClock } = await import('@/runtime/clock');
const { saveChannelProvider } = await import('@/channels/config');
const { journeyMessageStats } = await import('@/analytics/message-stats');
const { appRouter } = await import('@/server/root');
const receipts = await import('@/app/api/receipts/[provider]/route');
const click = await import('@/app/r/[token]/route');
const { db, runtime } = getAppRuntime();

const doc: JourneyDocument = {
  format: 'journey/v1',
  id: 'counts',
  name: 'Three channels',
  entry: { reentry: 'never' },
  policy: { quietHours: 'off' },
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 0, y: 0 } },
    { id: 'mail', kind: 'action.message', config: { channel: 'email', subject: 'Sale', template: 'See https://brand.test/sale', trackLinks: true }, position: { x: 0, y: 100 } },
    { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Sale today' }, position: { x: 0, y: 200 } },
    { id: 'push', kind: 'action.message', config: { channel: 'app_push', template: 'Sale' }, position: { x: 0, y: 300 } },
    { id: 'done', kind: 'end', position: { x: 0, y: 400 } },
  ],
  edges: [
    { source: 'trigger', target: 'mail' },
    { source: 'mail', target: 'sms' },
    { source: 'sms', target: 'push' },
    { source: 'push', target: 'done' },
  ],
};

let smtp: SMTPServer;
let smsApi: Awaited<ReturnType<typeof localServer>>;
const mails: string[] = [];
let journeyId = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
      stream.on('end', () => {
        mails.push(body);
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.EMAIL_FROM = 'Brand <news@brand.test>';
  let n = 0;
  smsApi = await localServer(() => ({ json: { code: 0, id: `sms-${++n}` } }));
  saveChannelProvider(db, { channel: 'sms', provider: 'http', values: { url: smsApi.url, successPath: 'code', successValue: '0', messageIdPath: 'id', receiptToken: 'rcpt-counts' } }, 'test', Date.now());
  addMembers(db, [
    { id: 'a', consent: { email: true, sms: true, app_push: true } },
    { id: 'b', consent: { email: false, sms: true, app_push: true } },
    { id: 'c', consent: { email: true, sms: true, app_push: true } },
  ]);
  for (const id of ['a', 'b', 'c']) db.$client.prepare(`update members set email = ?, phone = ? where id = ?`).run(`${id}@example.com`, `+861380013800${id === 'a' ? 1 : id === 'b' ? 2 : 3}`, id);
  journeyId = publish(db, doc).journeyId;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  await smsApi.close();
  // The provider keeps its SMTP connections open for the next mail; the server waits for them to close.
  closeSmtpPools();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function runWorkerUntil(check: () => boolean): Promise<void> {
  const worker = new EngineWorker({ index: 0, count: 1, db, clock: systemClock });
  const running = worker.run();
  const start = Date.now();
  try {
    while (!check()) {
      if (Date.now() - start > 20_000) throw new Error('timed out waiting for the worker');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    worker.stop();
    await running;
  }
}

const settled = () => (db.$client.prepare(`select count(*) n from outbox where status in ('pending', 'sending')`).get() as { n: number }).n === 0;
const keyOf = (memberId: string, nodeId: string) =>
  (db.$client.prepare(`select idempotency_key k from message_sends where member_id = ? and node_id = ?`).get(memberId, nodeId) as { k: string }).k;
const viewer: Principal = { kind: 'user', id: 'u-viewer', email: 'viewer@test', name: 'viewer', role: 'viewer' };

describe('per message node: sent, delivered, failed, clicked, record only', () => {
  it('counts what really happened to each message, from sends, receipts and clicks', async () => {
    runtime.accept(['a', 'b', 'c'].map((memberId) => ({ memberId, type: 'member_joined' })));
    await runWorkerUntil(() => settled() && (db.$client.prepare(`select count(*) n from outbox`).get() as { n: number }).n === 9);
    expect(mails).toHaveLength(2);
    expect(smsApi.seen).toHaveLength(3);

    const counts = () => journeyMessageStats(db, journeyId).nodes;
    // Email over SMTP: accepted is delivered; b has no email consent. SMS: accepted, no receipt yet. Push: no provider.
    expect(counts().mail).toMatchObject({ sent: 2, delivered: 2, skipped: 1, failed: 0, clicked: 0, recordOnly: 0, queued: 0 });
    expect(counts().sms).toMatchObject({ sent: 3, delivered: 0, failed: 0, recordOnly: 0 });
    expect(counts().push).toMatchObject({ sent: 0, recordOnly: 3, delivered: 0 });

    const receipt = (body: unknown) =>
      receipts.POST(new Request('http://localhost/api/receipts/http', { method: 'POST', headers: { authorization: 'Bearer rcpt-counts' }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ provider: 'http' }),
      });
    await receipt([{ idempotencyKey: keyOf('a', 'sms'), status: 'delivered' }, { idempotencyKey: keyOf('b', 'sms'), status: 'failed', reason: 'MK:0005' }]);
    // A repeated callback changes nothing.
    await receipt([{ idempotencyKey: keyOf('a', 'sms'), status: 'delivered' }]);
    expect(counts().sms).toMatchObject({ sent: 3, delivered: 1, failed: 1 });

    const token = (db.$client.prepare(`select token from link_tokens where member_id = 'a' and node_id = 'mail' and kind = 'click'`).get() as { token: string }).token;
    for (let i = 0; i < 2; i++) await click.GET(new Request(`http://localhost/r/${token}`), { params: Promise.resolve({ token }) });
    expect(counts().mail).toMatchObject({ clicked: 1 });
    // A range that ends before the sends counts none of them.
    expect(journeyMessageStats(db, journeyId, { to: 3_600_000 }).nodes).toEqual({});
  });

  it('tells anyone who reads journeys which channels really send, without settings or secrets', async () => {
    const modes = await appRouter.createCaller({ db, runtime, principal: viewer }).channels.modes();
    expect(modes.email).toEqual({ mode: 'env', provider: 'smtp' });
    expect(modes.sms).toEqual({ mode: 'provider', provider: 'http' });
    expect(modes.app_push).toEqual({ mode: 'record_only', provider: null });
    expect(modes.in_app).toEqual({ mode: 'builtin', provider: 'in_app' });
    expect(JSON.stringify(modes)).not.toContain('rcpt-counts');
    const stats = await appRouter.createCaller({ db, runtime, principal: viewer }).analytics.messageStats({ journeyId });
    expect(stats.nodes.push.recordOnly).toBe(3);
  });
});
