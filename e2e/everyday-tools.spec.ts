import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

test.use({ viewport: { width: 1440, height: 1000 } });

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}
async function trpcMutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: input });
  expect(res.ok(), `${path} answered ${res.status()}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}
const acceptDialogs = (page: Page) => page.on('dialog', (d) => void d.accept());

test('a birthday journey shows its next runs (journey and viewer time, audience) and runs now', async ({ page, request }) => {
  acceptDialogs(page);
  const api = await trpcQuery<{ runs: { at: number; audience: number; tz: string }[]; source: string }>(request, 'tools.nextRuns', { id: 'birthday-care' });
  expect(api.source).toBe('live');
  expect(api.runs.length).toBeGreaterThan(0);
  await page.goto('/journeys/birthday-care');
  const runs = page.getByTestId('next-run');
  await expect(runs.first()).toBeVisible({ timeout: 30_000 });
  await expect(runs.first()).toHaveAttribute('data-audience', String(api.runs[0].audience));
  await expect(runs.first()).toContainText(api.runs[0].tz);

  const before = (await trpcQuery<{ totals: { enrolled: number } }>(request, 'analytics.report', { journeyId: 'birthday-care' })).totals.enrolled;
  await page.getByTestId('run-now').click();
  const result = page.getByTestId('run-now-result');
  await expect(result).toBeVisible();
  const enrolled = Number((await result.textContent())!.replace(/\D/g, ''));
  expect(enrolled).toBeGreaterThan(0);
  expect(enrolled).toBeLessThanOrEqual(api.runs[0].audience);
  const after = (await trpcQuery<{ totals: { enrolled: number } }>(request, 'analytics.report', { journeyId: 'birthday-care' })).totals.enrolled;
  expect(after - before).toBe(enrolled);
  // Audited as a marketer action.
  const log = await trpcQuery<{ rows: { action: string; target: string }[] }>(request, 'audit.list', { action: 'journey.run_now' });
  expect(log.rows.some((r) => r.target === 'journey:birthday-care')).toBe(true);
});

test('a bad coupon id shows the field message in English and Chinese; a misspelt goal event is flagged', async ({ page, request }) => {
  const document = {
    format: 'journey/v1', id: 'coupon', name: 'Coupon', entry: { reentry: 'never' },
    nodes: [
      { id: 't', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 200, y: 0 } },
      { id: 'r', kind: 'action.reward', config: { reward: { type: 'coupon', couponId: '', value: 10 } }, position: { x: 200, y: 200 } },
      { id: 'x', kind: 'end', position: { x: 200, y: 400 } },
    ],
    edges: [{ source: 't', target: 'r' }, { source: 'r', target: 'x' }],
  };
  const { id } = await trpcMutate<{ id: string }>(request, 'journeys.create', { name: `Coupon ${Date.now()}`, document });
  await page.goto(`/journeys/${id}`);
  await expect(page.getByTestId('node-error-r')).toHaveText('Coupon id is required');
  await page.getByTestId('node-r').click();
  const field = page.locator('.field.has-error');
  await expect(field).toContainText('Coupon id is required');
  await expect(field.getByTestId('inspector-coupon-id')).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('node-error-r')).toHaveText('请填写优惠券编号');
  await expect(page.locator('.field.has-error')).toContainText('请填写优惠券编号');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('inspector-coupon-id').fill('WELCOME10');
  await expect(page.locator('.field.has-error')).toHaveCount(0);

  // Journey settings: the goal event picker warns about a name the workspace never received.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.getByTestId('inspector-goal-event').fill('order_payed');
  await expect(page.getByTestId('inspector-goal-event-unknown')).toContainText('order_payed');
  await page.getByTestId('inspector-goal-event').fill('order_paid');
  await expect(page.getByTestId('inspector-goal-event-unknown')).toHaveCount(0);
});

test('message preview renders the template for a sample member while typing', async ({ page }) => {
  await page.goto('/journeys/welcome');
  await page.getByTestId('node-welcome_msg').click();
  await page.getByTestId('inspector-template').fill('Hi {{member.name}}, tier {{member.tier}}');
  const text = page.getByTestId('message-preview-text');
  await expect(text).toHaveText(/^Hi \S.*, tier (bronze|silver|gold|platinum)$/);
  await expect(text).not.toContainText('{{');
  // Leave the demo journey as it was.
  await page.keyboard.press('Control+z');
});

test('journey list: search, filter, duplicate and delete a draft; published journeys cannot be deleted', async ({ page }) => {
  acceptDialogs(page);
  await page.goto('/');
  await page.getByTestId('journey-search').fill('New member welcome');
  await expect(page.getByTestId('journey-row-welcome')).toBeVisible();
  await expect(page.getByTestId('journey-row-birthday-care')).toHaveCount(0);
  await expect(page.getByTestId('journey-row-welcome').getByTestId('journey-delete')).toBeDisabled();
  await page.getByTestId('journey-row-welcome').getByTestId('journey-duplicate').click();
  const copy = page.locator('[data-testid^="journey-row-"]', { hasText: 'New member welcome (copy)' }).first();
  await expect(copy).toBeVisible();
  await page.getByTestId('journey-status-filter').selectOption('draft');
  await expect(page.getByTestId('journey-row-welcome')).toHaveCount(0);
  await expect(copy).toBeVisible();
  const copyId = (await copy.getAttribute('data-testid'))!.replace('journey-row-', '');
  await copy.getByTestId('journey-delete').click();
  await expect(page.getByTestId(`journey-row-${copyId}`)).toHaveCount(0);
});

test('groups page lists static groups with sizes and members, and deletes one', async ({ page, request }) => {
  acceptDialogs(page);
  const groupId = `e2e_group_${Date.now()}`;
  await trpcMutate(request, 'segments.uploadGroup', { groupId, memberIds: ['m0001', 'm0002', 'm0003'] });
  await page.goto('/');
  await page.getByTestId('nav-groups').click();
  const row = page.getByTestId(`group-row-${groupId}`);
  await expect(row.getByTestId('group-size')).toHaveText('3');
  await row.getByTestId('group-show').click();
  await expect(page.getByTestId('group-member')).toHaveCount(3);
  await row.getByTestId('group-delete').click();
  await expect(row).toHaveCount(0);
  const groups = await trpcQuery<{ id: string }[]>(request, 'tools.groups', undefined);
  expect(groups.map((g) => g.id)).not.toContain(groupId);
});
