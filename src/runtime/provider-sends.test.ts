import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { closeSmtpPools } from '@/channels/providers/smtp-pool';
import { addMember, chain, onEvent, rows } from '@/test/journeys';
import { count, publish } from '@/test/fixtures';
import { systemClock } from './clock';
import { JourneyRuntime } from './engine';
import { EngineWorker } from './worker';

// The whole path as the app runs it: event → inbox → engine worker → sending gateway → provider → a real SMTP server.
const received: { to: string[]; mail: ParsedMail }[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.EMAIL_FROM = 'Brand <news@brand.test>';
});

afterAll(async () => {
  // The provider keeps its SMTP connections open for the next mail; the server waits for them to close.
  closeSmtpPools();
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('messages really leave through the engine workers', () => {
  it('a member with email consent gets the rendered mail over SMTP; one without gets none, and the decision says why', async () => {
    const db = openDb(':memory:');
    addMember(db, { id: 'yes', name: '王芳', email: 'wf@example.com', consent: { email: true } });
    addMember(db, { id: 'no', name: 'Li', email: 'li@example.com', consent: { email: false } });
    publish(db, chain('mail', [onEvent('member_joined'), { id: 'mail', kind: 'action.message', config: { channel: 'email', subject: '欢迎 {{member.name}}', template: 'Hi {{member.name}}, welcome.' } }], { policy: { quietHours: 'off' } }));
    new JourneyRuntime(db, systemClock, true).accept([{ memberId: 'yes', type: 'member_joined' }, { memberId: 'no', type: 'member_joined' }]);
    const worker = new EngineWorker({ index: 0, count: 1, db, clock: systemClock });
    const running = worker.run();
    try {
      await until(() => count(db, `select count(*) n from outbox where status in ('sent', 'skipped')`) === 2);
    } finally {
      worker.stop();
      await running;
    }
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['wf@example.com']);
    expect(received[0].mail.text).toContain('Hi 王芳, welcome.');
    expect(received[0].mail.subject).toBe('欢迎 王芳');
    expect(rows(db, `select member_id m, status, reason from outbox order by member_id`)).toEqual([
      { m: 'no', status: 'skipped', reason: 'no_consent' },
      { m: 'yes', status: 'sent', reason: 'sent' },
    ]);
    expect(rows(db, `select member_id m, decision, reason from delivery_log order by member_id, id`)).toEqual([
      { m: 'no', decision: 'skipped', reason: 'no_consent' },
      { m: 'yes', decision: 'sent', reason: 'sent' },
    ]);
  });

  it('a channel without a provider is recorded only, never called sent', async () => {
    const db = openDb(':memory:');
    addMember(db, { id: 'm', consent: { sms: true } });
    publish(db, chain('sms', [onEvent('go'), { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Hi' } }], { policy: { quietHours: 'off' } }));
    new JourneyRuntime(db, systemClock, true).accept([{ memberId: 'm', type: 'go' }]);
    const worker = new EngineWorker({ index: 0, count: 1, db, clock: systemClock });
    for (let i = 0; i < 3; i++) worker.pass();
    expect(rows(db, `select status, reason from outbox`)).toEqual([{ status: 'sent', reason: 'record_only' }]);
  });
});
