import type { AddressInfo } from 'node:net';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 that wants a password and keeps what it receives. */
async function startSmtp() {
  const mails: { to: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The app keeps its SMTP connections open for the next mail (a pool): close them after 1 s, not the default 30 s.
    closeTimeout: 1_000,
    onAuth: (auth, _s, cb) => (auth.username === 'crm' && auth.password === 'pw-e2e' ? cb(null, { user: 'crm' }) : cb(new Error('bad credentials'))),
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('an admin configures SMTP in Settings → Channels, a test message reaches the SMTP server, and a journey’s mail shows as delivered on its node', async ({ page }) => {
  test.setTimeout(120_000);
  const smtp = await startSmtp();
  try {
    await page.goto('/settings/channels');
    const email = page.getByTestId('channel-email');
    const sms = page.getByTestId('channel-sms');
    await expect(email).toHaveAttribute('data-mode', 'record_only');
    await expect(sms.getByTestId('channel-mode')).toHaveText('Record only — not sent');

    await email.getByTestId('channel-provider').selectOption('smtp');
    const form = email.getByTestId('channel-form-email');
    await form.getByTestId('field-url').fill(`smtp://crm:pw-e2e@127.0.0.1:${smtp.port}`);
    await form.getByTestId('field-from').fill('Brand CRM <crm@brand.test>');
    await form.getByTestId('channel-save').click();

    await expect(email).toHaveAttribute('data-mode', 'provider');
    await expect(email.getByTestId('channel-mode')).toHaveText('Sends through Email (SMTP)');
    // The password never comes back to the browser: the form shows only that it is set.
    await email.getByTestId('channel-edit').click();
    await expect(email.getByTestId('secret-state-url')).toHaveText('set');
    await expect(email.getByTestId('field-url')).toHaveValue('');
    await expect(email.getByTestId('field-from')).toHaveValue('Brand CRM <crm@brand.test>');
    expect(await page.content()).not.toContain('pw-e2e');

    await email.getByTestId('test-to').fill('tester@example.com');
    await email.getByTestId('test-send').click();
    await expect(email.getByTestId('test-result')).toContainText('Test message sent');
    await expect.poll(() => smtp.mails.length).toBe(1);
    const { to, mail } = smtp.mails[0];
    expect(to).toEqual(['tester@example.com']);
    expect(mail.from?.value).toEqual([{ name: 'Brand CRM', address: 'crm@brand.test' }]);
    expect(mail.subject).toBe('Test message / 测试消息');
    expect(mail.text).toContain('Test message from Journey Canvas');
    expect(mail.html).toContain('<p>Test message from Journey Canvas');

    // A live journey now mails through that server: the canvas counts the message sent and delivered on its node, and a
    // node on a channel without a provider says "record only" and counts nothing as sent.
    const run = Date.now().toString(36);
    const doc = {
      format: 'journey/v1',
      id: `mail-${run}`,
      name: `Welcome mail ${run}`,
      entry: { reentry: 'never' },
      policy: { quietHours: 'off' },
      nodes: [
        { id: 't', kind: 'trigger.event', config: { event: `joined_${run}` }, position: { x: 0, y: 0 } },
        { id: 'mail', kind: 'action.message', config: { channel: 'email', subject: 'Welcome {{member.name}}', template: 'Hi {{member.name}}, welcome.' }, position: { x: 0, y: 160 } },
        { id: 'sms', kind: 'action.message', config: { channel: 'sms', template: 'Welcome' }, position: { x: 0, y: 340 } },
        { id: 'done', kind: 'end', position: { x: 0, y: 520 } },
      ],
      edges: [
        { source: 't', target: 'mail' },
        { source: 'mail', target: 'sms' },
        { source: 'sms', target: 'done' },
      ],
    };
    const created = await page.request.post('/api/trpc/journeys.create', { data: { name: doc.name, document: doc } });
    expect(created.ok()).toBe(true);
    const journeyId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
    expect((await page.request.post('/api/trpc/journeys.publish', { data: { id: journeyId } })).ok()).toBe(true);
    const member = `mail-${run}`;
    const joined = await page.request.post('/api/events', {
      data: [{ memberId: member, type: `joined_${run}`, profile: { name: '王芳', email: 'wangfang@example.com', consent: { email: true, sms: true } } }],
    });
    expect(joined.status()).toBe(202);
    await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(2);
    expect(smtp.mails[1].to).toEqual(['wangfang@example.com']);
    expect(smtp.mails[1].mail.subject).toBe('Welcome 王芳');

    await page.goto(`/journeys/${journeyId}`);
    await expect(page.getByTestId('record-only-sms')).toHaveText('Record only');
    await expect(page.getByTestId('record-only-mail')).toHaveCount(0);
    await page.getByTestId('toggle-analytics').click();
    await expect(page.getByTestId('msg-mail-delivered')).toHaveText('1', { timeout: 15_000 });
    await expect(page.getByTestId('msg-mail-sent')).toHaveText('1');
    await expect(page.getByTestId('msg-sms-sent')).toHaveText('0');
    await expect(page.getByTestId('msg-sms-recorded')).toHaveText('1');
    // The report says the same per node, and which channel only records.
    await page.goto(`/journeys/${journeyId}/report`);
    const mailRow = page.locator('[data-testid="message-row"][data-node="mail"]');
    await expect(mailRow.getByTestId('message-delivered')).toHaveText('1');
    await expect(mailRow).toContainText('smtp');
    await expect(page.locator('[data-testid="message-row"][data-node="sms"]').getByTestId('message-record-only')).toHaveText('Record only');

    // The same page in Chinese: a channel without a provider is clearly "record only".
    await page.goto('/settings/channels');
    await page.getByTestId('lang-switch').click();
    await expect(sms.getByTestId('channel-mode')).toHaveText('仅记录 — 不发送');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('触达渠道与服务商');
  } finally {
    await smtp.close();
  }
});

test('tracked links and unsubscribe links are reachable without signing in, and an unknown token redirects nowhere', async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
  for (const path of ['/r/no-such-token', '/u/no-such-token']) {
    const res = await anonymous.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(404);
    expect(res.headers()['location'], path).toBeUndefined();
    expect(await res.text()).toContain('This link is not valid');
  }
  // Everything else still needs a session.
  expect((await anonymous.get('/settings/channels', { maxRedirects: 0 })).status()).toBe(307);
  await anonymous.dispose();
});
