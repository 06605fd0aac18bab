import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { OutboundMessage, SendContext } from '../types';
import { smtpProvider } from './smtp';
import { closeSmtpPools, SmtpPools, smtpPools } from './smtp-pool';

/**
 * A real SMTP server on 127.0.0.1 that counts the connections it is opened
 * and closed, refuses some recipients, and holds `slow@` mails until released.
 */
async function startServer() {
  const stats = { connects: 0, closes: 0, mails: [] as ParsedMail[] };
  let releaseSlow = () => {};
  const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A pool left open by a failing test must not hold afterAll for the default 30 s.
    closeTimeout: 500,
    onConnect(_session, cb) {
      stats.connects++;
      cb();
    },
    onClose() {
      stats.closes++;
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('gone@')) return cb(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      if (address.address.startsWith('busy@')) return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      const held = session.envelope.rcptTo.some((r) => r.address.startsWith('slow@')) ? slow : Promise.resolve();
      simpleParser(stream)
        .then(async (mail) => {
          await held;
          stats.mails.push(mail);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, stats, releaseSlow, close };
}

const servers: Awaited<ReturnType<typeof startServer>>[] = [];
const server = async () => {
  const started = await startServer();
  servers.push(started);
  return started;
};
const ownPools: SmtpPools[] = [];
const pools = (idleMs = 60_000) => {
  const made = new SmtpPools({ idleMs });
  ownPools.push(made);
  return made;
};

afterAll(async () => {
  closeSmtpPools();
  for (const p of ownPools) p.closeAll();
  for (const s of servers) s.releaseSlow();
  await Promise.all(servers.map((s) => s.close()));
});

const email = (n: number, to = `m${n}@example.com`): OutboundMessage => ({
  idempotencyKey: `enr${n}:mail:1`,
  memberId: `m${n}`,
  journeyId: 'campaign',
  nodeId: 'mail',
  channel: 'email',
  recipient: { memberId: `m${n}`, email: to },
  subject: `Offer ${n}`,
  text: 'Hello',
  unsubscribeUrl: `https://app.brand.test/u/tok${n}`,
});

const ctx = (signal = new AbortController().signal): SendContext => ({
  fetch,
  now: Date.now,
  cache: { get: () => null, set: () => {}, delete: () => {} },
  signal,
});

const config = (url: string) => ({ url, from: 'Brand <news@brand.test>' });
const mail = (n: number) => ({ from: 'news@brand.test', to: `m${n}@example.com`, subject: `m${n}`, text: 'Hello' });

describe('pooled SMTP connections', () => {
  it('sends a campaign of 40 mails over at most 5 connections, and later mails over the same ones', async () => {
    const s = await server();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => smtpProvider.send(config(s.url), email(i), ctx())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(s.stats.mails).toHaveLength(40);
    expect(s.stats.connects).toBeGreaterThanOrEqual(1);
    expect(s.stats.connects).toBeLessThanOrEqual(5);
    const afterCampaign = s.stats.connects;
    for (let i = 40; i < 45; i++) expect(await smtpProvider.send(config(s.url), email(i), ctx())).toMatchObject({ ok: true });
    expect(s.stats.connects).toBe(afterCampaign);
    expect(s.stats.closes).toBe(0);
    // Headers are still set per message on a shared connection.
    const last = s.stats.mails.find((m) => m.subject === 'Offer 44');
    expect(last?.headers.get('x-idempotency-key')).toBe('enr44:mail:1');
    expect(last?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe('List-Unsubscribe: <https://app.brand.test/u/tok44>');
    expect(last?.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('still classifies a 5xx refusal as permanent and a 4xx one as transient, and keeps the connection for the next mail', async () => {
    const s = await server();
    expect(await smtpProvider.send(config(s.url), email(1), ctx())).toMatchObject({ ok: true });
    const gone = await smtpProvider.send(config(s.url), email(2, 'gone@example.com'), ctx());
    expect(gone).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('smtp 550') });
    const busy = await smtpProvider.send(config(s.url), email(3, 'busy@example.com'), ctx());
    expect(busy).toMatchObject({ ok: false, retry: true, retryAfterMs: 60_000, reason: expect.stringContaining('smtp 451') });
    expect(await smtpProvider.send(config(s.url), email(4), ctx())).toMatchObject({ ok: true });
    // A refusal does not cost the connection. (nodemailer answers before its RSET is done, so the mail
    // right after a refusal may find that connection still busy and open a second one.)
    expect(s.stats.closes).toBe(0);
    expect(s.stats.connects).toBeLessThanOrEqual(2);
  });

  it('reports an aborted send as a timeout and lets the other mails on the pool through', async () => {
    const s = await server();
    const abort = new AbortController();
    const stuck = smtpProvider.send(config(s.url), email(0, 'slow@example.com'), ctx(abort.signal));
    const others = Array.from({ length: 4 }, (_, i) => smtpProvider.send(config(s.url), email(i + 1), ctx()));
    await vi.waitFor(() => expect(s.stats.mails).toHaveLength(4));
    abort.abort(new DOMException('send timed out', 'TimeoutError'));
    expect(await stuck).toEqual({ ok: false, retry: true, reason: 'timeout' });
    expect((await Promise.all(others)).every((r) => r.ok)).toBe(true);
    // Only the connection carrying the aborted mail is closed; the pool goes on sending.
    await vi.waitFor(() => expect(s.stats.closes).toBe(1));
    expect(await smtpProvider.send(config(s.url), email(5), ctx())).toMatchObject({ ok: true });
    expect(smtpPools.urls()).toEqual([s.url]);
  });

  it('opens a connection to the new server when the URL changes, and closes the old pool', async () => {
    const [a, b] = [await server(), await server()];
    const own = pools();
    await Promise.all([1, 2, 3].map((n) => own.send(a.url, mail(n))));
    const opened = a.stats.connects;
    expect(opened).toBeGreaterThanOrEqual(1);
    await own.send(b.url, mail(4));
    expect(b.stats.connects).toBe(1);
    expect(b.stats.mails).toHaveLength(1);
    await vi.waitFor(() => expect(a.stats.closes).toBe(opened));
    expect(own.urls()).toEqual([b.url]);
  });

  it('closes a connection that has had no mail for the idle time, and opens a new one for the next mail', async () => {
    const s = await server();
    const own = pools(150);
    const started = Date.now();
    await own.send(s.url, mail(1));
    expect(s.stats.connects).toBe(1);
    await vi.waitFor(() => expect(s.stats.closes).toBe(1), { timeout: 3_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await own.send(s.url, mail(2));
    expect(s.stats.connects).toBe(2);
  });

  it('closes every connection at once on closeAll (process shutdown)', async () => {
    const s = await server();
    const own = pools();
    await Promise.all([1, 2, 3].map((n) => own.send(s.url, mail(n))));
    const opened = s.stats.connects;
    own.closeAll();
    await vi.waitFor(() => expect(s.stats.closes).toBe(opened), { timeout: 1_000 });
    expect(own.urls()).toEqual([]);
  });
});
