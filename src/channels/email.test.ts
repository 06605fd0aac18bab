import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { addMembers, count } from '@/test/fixtures';
import { saveChannelProvider } from './config';
import { closeSmtpPools } from './providers/smtp-pool';
import { sendMessage } from './send';
import type { OutboundMessage } from './types';

/** A real SMTP server on 127.0.0.1 that wants a password, keeps what it receives and refuses some recipients. */
let server: SMTPServer;
let port = 0;
const received: { from: string; to: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 's3cret!') return cb(null, { user: 'mailer' });
      cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('gone@')) return cb(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      if (address.address.startsWith('busy@')) return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => {
  // The provider keeps its SMTP connections open for the next mail; the server waits for them to close.
  closeSmtpPools();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const db = openDb(':memory:');
addMembers(db, [{ id: 'm1', name: '王芳', consent: { email: true } }]);

const env = () => ({ SMTP_URL: `smtp://mailer:${encodeURIComponent('s3cret!')}@127.0.0.1:${port}`, EMAIL_FROM: 'Brand <news@brand.test>', SECRETS_KEY: 'a-test-secrets-key-of-32-chars!!' });

const email = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  idempotencyKey: 'enr1:mail:1',
  memberId: 'm1',
  journeyId: 'welcome',
  nodeId: 'mail',
  channel: 'email',
  recipient: { memberId: 'm1', email: 'wf@example.com' },
  subject: '欢迎加入 Welcome',
  text: 'Hi 王芳, see https://brand.test/new?utm=1.',
  html: '<p>Hi 王芳, <a href="https://brand.test/new?utm=1&amp;x=2">new in</a></p>',
  links: true,
  ...over,
});

describe('email over SMTP (SMTP_URL + EMAIL_FROM)', () => {
  it('delivers the rendered mail with text and HTML parts, tracked links and one-click unsubscribe headers', async () => {
    const result = await sendMessage(db, email(), { env: env(), baseUrl: 'https://app.brand.test' });
    expect(result).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^<.+>$/) });
    expect(received).toHaveLength(1);
    const { from, to, mail } = received[0];
    expect(from).toBe('news@brand.test');
    expect(to).toEqual(['wf@example.com']);
    expect(mail.subject).toBe('欢迎加入 Welcome');
    expect(mail.from?.value).toEqual([{ name: 'Brand', address: 'news@brand.test' }]);
    // Links point at /r/:token and the original targets are stored, HTML entities decoded.
    expect(mail.text).toMatch(/^Hi 王芳, see https:\/\/app\.brand\.test\/r\/[\w-]{24}\.\n?$/);
    expect(mail.html).toMatch(/<a href="https:\/\/app\.brand\.test\/r\/[\w-]{24}">new in<\/a>/);
    const targets = db.$client.prepare(`select target from link_tokens where kind = 'click' order by target`).all() as { target: string }[];
    expect(targets.map((t) => t.target)).toEqual(['https://brand.test/new?utm=1', 'https://brand.test/new?utm=1&x=2']);
    const unsubscribe = db.$client.prepare(`select token, channel, member_id as memberId from link_tokens where kind = 'unsubscribe'`).get() as { token: string; channel: string; memberId: string };
    expect(unsubscribe).toMatchObject({ channel: 'email', memberId: 'm1' });
    // The raw header lines (mailparser folds List-* headers into its own `list` object).
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe(`List-Unsubscribe: <https://app.brand.test/u/${unsubscribe.token}>`);
    expect(db.$client.prepare('select provider, provider_message_id as id, journey_id as journeyId, node_id as nodeId, channel from message_sends').all()).toEqual([
      { provider: 'smtp', id: (result as { providerMessageId: string }).providerMessageId, journeyId: 'welcome', nodeId: 'mail', channel: 'email' },
    ]);
  });

  it('reuses the tokens when the same message is sent again', async () => {
    const before = count(db, 'select count(*) n from link_tokens');
    await sendMessage(db, email(), { env: env(), baseUrl: 'https://app.brand.test' });
    expect(count(db, 'select count(*) n from link_tokens')).toBe(before);
    expect(received[1].mail.text).toBe(received[0].mail.text);
    expect(count(db, 'select count(*) n from message_sends')).toBe(1);
  });

  it('maps a permanent refusal (550) to no retry and a temporary one (451) to a retry', async () => {
    const gone = await sendMessage(db, email({ idempotencyKey: 'k-gone', recipient: { memberId: 'm1', email: 'gone@example.com' } }), { env: env() });
    expect(gone).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('550') });
    const busy = await sendMessage(db, email({ idempotencyKey: 'k-busy', recipient: { memberId: 'm1', email: 'busy@example.com' } }), { env: env() });
    expect(busy).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('451') });
    const badAuth = await sendMessage(db, email({ idempotencyKey: 'k-auth' }), { env: { ...env(), SMTP_URL: `smtp://mailer:wrong@127.0.0.1:${port}` } });
    expect(badAuth).toMatchObject({ ok: false, retry: false });
    expect(count(db, `select count(*) n from message_sends where idempotency_key like 'k-%'`)).toBe(0);
  });

  it('uses the SMTP provider saved in settings (its password encrypted) over the environment', async () => {
    saveChannelProvider(db, { channel: 'email', provider: 'smtp', values: { url: `smtp://mailer:${encodeURIComponent('s3cret!')}@127.0.0.1:${port}`, from: 'Settings <crm@brand.test>' } }, 'test', 1, env());
    const stored = db.$client.prepare(`select settings, secrets from channel_providers where channel = 'email'`).get() as { settings: string; secrets: string };
    expect(stored.secrets).not.toContain('s3cret');
    expect(stored.settings).not.toContain('s3cret');
    const n = received.length;
    const result = await sendMessage(db, email({ idempotencyKey: 'k-settings' }), { env: { SECRETS_KEY: env().SECRETS_KEY } });
    expect(result).toMatchObject({ ok: true });
    expect(received[n].from).toBe('crm@brand.test');
  });

  it('answers record-only for a channel without a provider, and a timeout when the server never answers', async () => {
    expect(await sendMessage(db, email({ channel: 'sms' }), { env: {} })).toEqual({ recordOnly: true });
    const net = await import('node:net');
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    const otherDb = openDb(':memory:');
    const started = Date.now();
    const result = await sendMessage(otherDb, email(), { env: { SMTP_URL: `smtp://127.0.0.1:${silentPort}`, EMAIL_FROM: 'a@b.test' }, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('timeout') });
    expect(Date.now() - started).toBeLessThan(5_000);
    silent.close();
  });
});
