import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';

// No bearer key here: these tests are a stranger, then people signing in with the demo accounts.
test.use({ extraHTTPHeaders: {}, storageState: { cookies: [], origins: [] } });

test('strangers are sent to the login page; the APIs answer 401 JSON', async ({ page, request }) => {
  await page.goto('/members');
  await expect(page).toHaveURL(/\/login\?next=%2Fmembers/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('demo-accounts')).toContainText('analyst@demo.local');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.getByTestId('lang-switch').click();

  for (const [method, url] of [['GET', '/api/trpc/journeys.list'], ['POST', '/api/events'], ['POST', '/api/members'], ['GET', '/api/members/m0001'], ['GET', '/api/members/m0001/export'], ['GET', '/api/crowds/export?journeyId=welcome&nodeId=trigger&kind=passed']]) {
    const res = method === 'GET' ? await request.get(url) : await request.post(url, { data: { memberId: 'm0001', type: 'unsubscribed' } });
    expect(res.status(), url).toBe(401);
    expect((await res.json()).error).toBeTruthy();
  }
  // A cross-site text/plain post (the old unsubscribe attack) stores nothing.
  const attack = await request.post('/api/events', { data: '{"memberId":"m0001","type":"unsubscribed"}', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' } });
  expect(attack.status()).toBe(401);
  const headers = (await request.get('/login')).headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
});

test('an analyst signs in, sees masked phones, is refused what analysts may not do, and signs out', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-email').fill('analyst@demo.local');
  await page.getByTestId('login-password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Wrong email or password');
  await page.getByTestId('login-password').fill('demo-analyst-2026');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toContainText('Demo Analyst · Analyst');

  await page.goto('/members');
  await page.getByTestId('member-search').fill('m0001');
  const firstPhone = page.locator('[data-testid="member-row"][data-member="m0001"]').getByTestId('member-phone');
  await expect(firstPhone).toHaveText(/^\d{3}\*{4}\d{4}$/);
  // The crowd CSV an analyst downloads is masked too.
  const csv = (await (await page.request.get('/api/crowds/export?journeyId=welcome&nodeId=trigger&kind=passed')).text()).trim().split('\n');
  const phoneColumn = csv[0].split(',').indexOf('phone');
  expect(phoneColumn).toBeGreaterThanOrEqual(0);
  const phones = csv.slice(1).map((line) => line.split(',')[phoneColumn]).filter(Boolean);
  expect(phones.length).toBeGreaterThan(0);
  for (const phone of phones) expect(phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  // The session may read reports but not change journeys: the server says so, whatever the UI shows.
  const refused = await page.evaluate(async () => {
    const res = await fetch('/api/trpc/journeys.setStatus', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'welcome', status: 'paused' }) });
    return res.status;
  });
  expect(refused).toBe(403);

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('a marketer’s own pages may change things with the session cookie; a cross-site form may not', async ({ page }) => {
  await signIn(page, 'marketer@demo.local', 'demo-marketer-2026');
  await expect(page.getByTestId('user-menu')).toContainText('Marketer');
  const created = await page.evaluate(async () => {
    const res = await fetch('/api/trpc/journeys.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Made with a session' }) });
    return res.status;
  });
  expect(created).toBe(200);
  // The same cookie on a text/plain post (what a cross-site form sends) is refused.
  const plain = await page.evaluate(async () => (await fetch('/api/events', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"memberId":"m0001","type":"unsubscribed"}' })).status);
  expect(plain).toBe(403);
});
