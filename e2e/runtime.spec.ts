import { expect, test } from '@playwright/test';

test('the runtime page shows queue depth, timer lateness and dead letters', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('nav-runtime').click();
  await expect(page.getByRole('heading', { name: 'Runtime' })).toBeVisible();
  const stats = await (await page.request.get('/api/trpc/runtime.stats')).json();
  expect(stats.result.data.waiting).toBeGreaterThan(0);
  // The demo journeys hold hundreds of waiting members; timers may fire meanwhile, so compare loosely.
  await expect(page.getByTestId('runtime-waiting')).toContainText(/\d/);
  const shown = Number((await page.getByTestId('runtime-waiting').locator('strong').textContent())!.replace(/\D/g, ''));
  expect(Math.abs(shown - stats.result.data.waiting)).toBeLessThan(50);
  await expect(page.getByTestId('runtime-dead')).toContainText('0');
  await expect(page.getByText('No dead letters.')).toBeVisible();
});
