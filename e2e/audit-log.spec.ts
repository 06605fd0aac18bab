import { expect, request as playwrightRequest, test } from '@playwright/test';

test('the audit log lists who signed in and what they changed, filtered by kind and person, in en and zh', async ({ page, baseURL }) => {
  // A marketer signs in and creates a journey with the session cookie, as the app's own pages do.
  const marketer = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await marketer.post('/api/auth/login', { data: { email: 'marketer@demo.local', password: 'demo-marketer-2026' } })).ok()).toBe(true);
  const name = `Audited ${Date.now()}`;
  expect((await marketer.post('/api/trpc/journeys.create', { data: { name } })).ok()).toBe(true);
  await marketer.dispose();

  await page.goto('/audit');
  await page.getByTestId('audit-action').selectOption('journey');
  await page.getByTestId('audit-actor').fill('marketer@demo.local');
  const row = page.getByTestId('audit-row').filter({ hasText: name }).first();
  await expect(row).toContainText('journey.create');
  await expect(row).toContainText('user:marketer@demo.local');
  await page.getByTestId('audit-action').selectOption('auth');
  await expect(page.getByTestId('audit-row').first()).toContainText('auth.sign_in');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
});
