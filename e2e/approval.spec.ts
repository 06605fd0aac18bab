import { expect, test, type Browser, type Page } from '@playwright/test';
import { welcomeJourney } from '../src/journey/examples';
import { signIn } from './sign-in';

// People, not the admin key: a marketer requests, an approver decides, the audit log shows both.
test.use({ extraHTTPHeaders: {}, storageState: { cookies: [], origins: [] } });

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signIn(page, email, password);
  return page;
}

test('marketer builds and requests publish; an approver sees the diff and audience, approves, and the journey is live', async ({ browser }) => {
  const marketer = await signedIn(browser, 'marketer@demo.local', 'demo-marketer-2026');
  const stamp = Date.now();
  const name = `Reviewed welcome ${stamp}`;
  const id = await marketer.evaluate(async ({ name, document }) => {
    const res = await fetch('/api/trpc/journeys.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, document }) });
    const body = (await res.json()) as { result?: { data: { id: string } } };
    if (!body.result) throw new Error(JSON.stringify(body));
    return body.result.data.id;
  }, { name, document: { ...welcomeJourney, id: `reviewed-${stamp}`, name } });
  await marketer.goto(`/journeys/${id}`);
  await marketer.getByTestId('publish').click();
  await expect(marketer.getByTestId('publish-status')).toHaveAttribute('data-state', 'pending');
  await expect(marketer.getByTestId('publish-status')).toContainText('Sent for approval');
  // Not live yet.
  const status = await marketer.evaluate(async (id) => ((await (await fetch(`/api/trpc/journeys.get?input=${encodeURIComponent(JSON.stringify({ id }))}`)).json()) as { result: { data: { status: string } } }).result.data.status, id);
  expect(status).toBe('draft');

  // A marketer may not decide requests at all, whatever the UI shows (and an author never their own).
  const self = await marketer.evaluate(async () => (await fetch('/api/trpc/approvals.decide', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 1, approve: true }) })).status);
  expect(self).toBe(403);

  const approver = await signedIn(browser, 'approver@demo.local', 'demo-approver-2026');
  await approver.getByTestId('nav-approvals').click();
  const request = approver.locator(`[data-testid="approval-request"][data-journey="${id}"]`);
  await expect(request).toContainText(name);
  await expect(request).toContainText('marketer@demo.local');
  await expect(request.getByTestId('approval-audience')).toContainText(/members sent “member_joined” in the last 7 days/);
  await expect(request.getByTestId('approval-channels')).toContainText('sms');
  await expect(request.locator('[data-testid="approval-diff-row"][data-node="welcome_msg"]').filter({ hasText: 'template' })).toContainText('Welcome {{member.name}}');
  await request.getByTestId('approval-comment').fill('Checked: consent and caps apply');
  await request.getByTestId('approval-approve').click();
  await expect(request.getByTestId('approval-decision')).toContainText('approved by user:approver@demo.local');

  const live = await approver.evaluate(async (id) => ((await (await fetch(`/api/trpc/journeys.get?input=${encodeURIComponent(JSON.stringify({ id }))}`)).json()) as { result: { data: { status: string } } }).result.data.status, id);
  expect(live).toBe('live');

  // The audit log (approvers may read it) lists each step with its actor.
  await approver.goto('/audit');
  await approver.getByTestId('audit-action').selectOption('journey');
  const rows = approver.getByTestId('audit-row').filter({ hasText: `journey:${id}` });
  await expect(rows.filter({ hasText: 'journey.approve' })).toContainText('user:approver@demo.local');
  await expect(rows.filter({ hasText: 'journey.publish_requested' })).toContainText('user:marketer@demo.local');
  await expect(rows.filter({ hasText: 'journey.create' })).toContainText('user:marketer@demo.local');
});
