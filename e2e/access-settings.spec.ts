import { expect, request as playwrightRequest, test } from '@playwright/test';

test('an admin creates an ingest key on Settings → Access, it feeds events only, and stops working once revoked', async ({ page, baseURL }) => {
  await page.goto('/settings/access');
  await expect(page.locator('[data-testid="access-user"][data-email="analyst@demo.local"]')).toBeVisible();
  const name = `pos-${Date.now()}`;
  await page.getByTestId('access-key-name').fill(name);
  await page.getByTestId('access-create-key').click();
  const secret = (await page.getByTestId('access-secret').locator('code').textContent())!.trim();
  expect(secret).toMatch(/^jk_/);
  await expect(page.locator(`[data-testid="access-key"][data-name="${name}"]`)).toContainText(secret.slice(0, 10));

  const pos = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await pos.post('/api/events', { data: { memberId: 'm0002', type: 'page_view' } })).status()).toBe(202);
  expect((await pos.get('/api/members/m0002')).status()).toBe(403);
  expect((await pos.get('/api/trpc/journeys.list')).status()).toBe(403);

  await page.locator(`[data-testid="access-key"][data-name="${name}"]`).getByTestId('access-revoke').click();
  await expect(page.locator(`[data-testid="access-key"][data-name="${name}"]`)).toContainText('revoked');
  expect((await pos.post('/api/events', { data: { memberId: 'm0002', type: 'page_view' } })).status()).toBe(401);
  await pos.dispose();
});
