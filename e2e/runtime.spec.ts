import { expect, test } from '@playwright/test';

test('the runtime page shows queue depth, timer lateness and dead letters', async ({ page }) => {
  await page.goto('/runtime');
  await expect(page.getByRole('heading', { name: 'Runtime' })).toBeVisible();
  const stats = await (await page.request.get('/api/trpc/runtime.stats')).json();
  const waiting = stats.result.data.waiting as number;
  expect(waiting).toBeGreaterThan(0);
  await expect(page.getByTestId('runtime-waiting')).toContainText(new Intl.NumberFormat('en').format(waiting));
  await expect(page.getByTestId('runtime-dead')).toContainText('0');
  await expect(page.getByText('No dead letters.')).toBeVisible();
});
