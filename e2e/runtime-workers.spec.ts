import { expect, test } from '@playwright/test';

// The app on SQLite runs one engine worker with a fixed share: all 64 partitions, reported over IPC.
test('the runtime page lists the engine workers with their partitions, and reads in Chinese', async ({ page }) => {
  await page.goto('/runtime');
  const section = page.getByTestId('engine-workers');
  await expect(section.getByRole('heading', { name: 'Workers' })).toBeVisible();
  const stats = await (await page.request.get('/api/trpc/runtime.stats')).json();
  const cluster = stats.result.data.cluster;
  expect(cluster.appWorkerMode).toBe('static');
  expect(cluster.partitions).toHaveLength(64);
  expect(cluster.unowned).toEqual([]);
  const row = section.getByTestId('worker-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('worker-partitions')).toHaveText(/^64\s*0–63$/);
  await expect(row.getByText('Running')).toBeVisible();
  await expect(page.getByTestId('unowned-partitions')).toHaveCount(0);
  await expect(section.getByRole('heading', { name: 'Partitions with the most lag' })).toBeVisible();

  await page.getByTestId('lang-switch').click();
  await expect(section.getByRole('heading', { name: '工作进程' })).toBeVisible();
  await expect(section.getByRole('columnheader', { name: '最近心跳' })).toBeVisible();
  await expect(row.getByText('运行中')).toBeVisible();
  await expect(row.locator('td').nth(5)).toHaveText(/秒钟前|现在/);
  await page.getByTestId('lang-switch').click();
  await expect(section.getByRole('heading', { name: 'Workers' })).toBeVisible();
});
