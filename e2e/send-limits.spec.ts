import { expect, test } from '@playwright/test';

test('an admin limits the in-app channel in Settings → Channels; the runtime page lists it in the send queue, in English and Chinese', async ({ page }) => {
  await page.goto('/settings/channels');
  const card = page.getByTestId('channel-in_app');
  const form = card.getByTestId('rate-limit-in_app');
  await form.getByTestId('rate-perSecond').fill('200000');
  await form.getByTestId('rate-save').click();
  // Refused by the server, naming the field; nothing stored.
  await expect(form.getByTestId('rate-error')).toContainText('perSecond must be at most 100,000');
  await form.getByTestId('rate-perSecond').fill('5');
  await form.getByTestId('rate-perMinute').fill('1200');
  await form.getByTestId('rate-save').click();
  await expect(form.getByRole('status')).toHaveText('Limit saved');

  await page.goto('/runtime');
  const row = page.getByTestId('send-queue-in_app');
  await expect(row).toContainText('In-app message');
  await expect(row.getByTestId('limit')).toHaveText('5 / s · 1,200 / min');
  await expect(row.getByTestId('deferred')).toHaveText('0');

  await page.context().addCookies([{ name: 'jc_locale', value: 'zh-CN', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('heading', { name: '发送队列' })).toBeVisible();
  await expect(page.getByTestId('send-queue-in_app').getByTestId('limit')).toHaveText('5 条/秒 · 1,200 条/分钟');

  // Leave the demo workspace as it was: both empty is "no limit".
  await page.goto('/settings/channels');
  await page.getByTestId('rate-limit-in_app').getByTestId('rate-perSecond').fill('');
  await page.getByTestId('rate-limit-in_app').getByTestId('rate-perMinute').fill('');
  await page.getByTestId('rate-limit-in_app').getByTestId('rate-save').click();
  await expect(page.getByTestId('rate-limit-in_app').getByRole('status')).toHaveText('已保存');
});

test("a journey's max sends per minute is set in its settings and kept in its document", async ({ page, request }) => {
  const created = await request.post('/api/trpc/journeys.create', { data: { name: `Limited ${Date.now()}` } });
  const id = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
  await page.goto(`/journeys/${id}`);
  await expect(page.getByTestId('palette')).toBeVisible();
  // With no node selected the inspector shows the journey's settings.
  await page.getByTestId('inspector-max-sends').fill('600');
  await page.getByTestId('save').click();
  const draft = async () => {
    const res = await request.get(`/api/trpc/journeys.get?input=${encodeURIComponent(JSON.stringify({ id }))}`);
    return ((await res.json()) as { result: { data: { draft: { policy?: { maxSendsPerMinute?: number } } } } }).result.data.draft.policy?.maxSendsPerMinute;
  };
  await expect.poll(draft).toBe(600);
  await page.reload();
  await expect(page.getByTestId('inspector-max-sends')).toHaveValue('600');
});
