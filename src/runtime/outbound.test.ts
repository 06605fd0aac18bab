import { describe, expect, it } from 'vitest';
import { appRouter } from '@/server/root';
import { chain, onEvent } from '@/test/journeys';
import { addMembers, count, makeEngine, TEST_ADMIN } from '@/test/fixtures';
import { createJourney } from '@/db/journeys';
import { outboundProblems, webhookTargetProblem, webhookUrlProblem } from './outbound';
import { deliverWebhooks } from './webhooks';
import { renderTemplate } from './template';

const SSRF = [
  'http://169.254.169.254/latest/meta-data/', 'http://localhost:6379/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'http://10.1.2.3/',
  'http://192.168.1.1/', 'http://172.20.0.1/', 'http://[::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'gopher://example.com/',
  'http://metadata.google.internal/', 'http://user:pw@example.com/',
];

describe('outbound safety: where a webhook may post', () => {
  it('refuses loopback, private, link-local, metadata and non-http targets; public hosts pass', () => {
    for (const url of SSRF) expect(webhookUrlProblem(url, []), url).not.toBeNull();
    expect(webhookUrlProblem('https://hooks.brand.example/journey', [])).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/', ['127.0.0.1'])).toBeNull();
  });

  it('checks again after DNS: a public-looking name that resolves inside the network is refused', async () => {
    expect(await webhookTargetProblem('https://rebind.example/', [], async () => ['10.0.0.5'])).toMatch(/resolves to 10.0.0.5/);
    expect(await webhookTargetProblem('https://ok.example/', [], async () => ['93.184.216.34'])).toBeNull();
    expect(await webhookTargetProblem('https://gone.example/', [], async () => Promise.reject(new Error('ENOTFOUND')))).toMatch(/Cannot resolve/);
  });

  it('publish refuses the node with a message; the send refuses without posting, at once', async () => {
    const { db, runtime } = makeEngine();
    const doc = chain('hook', [onEvent('go'), { id: 'hook', kind: 'action.message', config: { channel: 'webhook', template: 'x', url: 'http://169.254.169.254/' } }]);
    expect(outboundProblems(doc, [])).toEqual([expect.objectContaining({ nodeId: 'hook', path: 'config.url' })]);
    const id = createJourney(db, { name: 'hook', document: doc });
    const api = appRouter.createCaller({ db, runtime, principal: TEST_ADMIN });
    const res = await api.journeys.publish({ id });
    expect(res).toMatchObject({ ok: false, problems: [{ nodeId: 'hook' }] });

    // A row that reached the outbox anyway (published before the rule) is refused at send.
    addMembers(db, [{ id: 'm1' }]);
    db.$client.exec(`insert into journeys (id, name, status, draft, created_at, updated_at) values ('x', 'x', 'live', '{}', 0, 0)`);
    db.$client.exec(`insert into journey_versions (id, journey_id, number, hash, document, machine, published_at) values (99, 'x', 1, 'h', '{}', '{}', 0)`);
    db.$client.exec(`insert into enrolments (id, journey_id, version_id, member_id, entry_no, status, snapshot, entered_at, updated_at) values (99, 'x', 99, 'm1', 1, 'completed', '{}', 0, 0)`);
    db.$client.exec(`insert into outbox (idempotency_key, enrolment_id, journey_id, node_id, member_id, type, channel, payload, created_at, deliver_after) values ('k', 99, 'x', 'hook', 'm1', 'message', 'webhook', '{"url":"http://169.254.169.254/","text":"hi"}', 0, 0)`);
    let posted = 0;
    await deliverWebhooks(db, Date.now(), (async () => {
      posted++;
      return new Response('ok');
    }) as typeof fetch);
    expect(posted).toBe(0);
    expect(db.$client.prepare(`select status, reason from outbox where idempotency_key = 'k'`).get()).toEqual({ status: 'dead', reason: expect.stringMatching(/^refused: 169.254.169.254/) });
    expect(count(db, `select count(*) n from delivery_log where decision = 'dead'`)).toBe(1);
  });

  it('templates render data fields only, HTML-escaped where the channel is HTML', () => {
    const member = { name: '<b>Li</b>', tier: 'gold', points: 5 };
    expect(renderTemplate('{{member.constructor}}{{member.__proto__}}{{member.toString}}', { member })).toBe('');
    expect(renderTemplate('Hi {{member.name}} ({{member.points}})', { member })).toBe('Hi <b>Li</b> (5)');
    expect(renderTemplate('Hi {{member.name}}', { member }, { html: true })).toBe('Hi &lt;b&gt;Li&lt;/b&gt;');
  });
});
