import { expect, test } from '@playwright/test';

// The language chosen in the header is a cookie: the server renders Chinese itself, so React hydrates the
// same text (no error #418), and stored codes (statuses, tiers, rules) read out in Chinese.
test.use({ viewport: { width: 1400, height: 1400 } });

test('Chinese is rendered by the server and hydrates without a mismatch; values are translated', async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('nav-segments')).toHaveText('人群');
  const cookies = await page.context().cookies(baseURL);
  expect(cookies.find((c) => c.name === 'jc_locale')?.value).toBe('zh-CN');

  // The HTML from the server is already Chinese.
  const html = await (await page.request.get('/journeys/welcome/report')).text();
  expect(html).toContain('<html lang="zh-CN"');
  expect(html).toContain('人群');

  await page.goto('/journeys/welcome/report');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('crowd-row').first()).toBeVisible({ timeout: 30_000 });
  // Enrolment statuses and tiers in the crowd table are words, not codes.
  const statuses = await page.getByTestId('crowd-row').locator('td:nth-child(6)').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(['等待中', '进行中', '已完成', '已退出']).toContain(s.trim());
  const tiers = await page.getByTestId('crowd-row').locator('td:nth-child(4)').allInnerTexts();
  for (const s of tiers) expect(['铜卡', '银卡', '金卡', '白金卡']).toContain(s.trim());
  expect(errors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);

  // A segment rule reads in Chinese.
  await page.goto('/segments');
  await expect(page.getByText('非(order_paid 90天内)').first()).toBeVisible({ timeout: 30_000 });
  expect(errors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);

  // Back to English for the tests that follow (the cookie lives in this test's context only, but be tidy).
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('nav-segments')).not.toHaveText('人群');
});
