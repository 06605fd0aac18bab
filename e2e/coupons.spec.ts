import { expect, test } from '@playwright/test';
import { drop, exportDocument, inspector, newJourney } from './inspector-helpers';
import { signIn } from './sign-in';

test('a marketer’s coupon pool: created on the Coupons page, codes uploaded from a CSV (bad lines named) and generated, counts by state', async ({ browser }) => {
  // A person with the marketer role, not the admin key: coupons:write is theirs.
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, extraHTTPHeaders: {}, storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(page, 'marketer@demo.local', 'demo-marketer-2026');
  const name = `E2E pool ${Date.now()}`;
  await page.goto('/');
  await page.getByTestId('nav-coupons').click();
  await expect(page).toHaveURL(/\/coupons$/);

  const create = page.getByTestId('pool-create');
  await create.getByTestId('pool-name').fill(name);
  await create.getByTestId('pool-low-stock').fill('5');
  await create.getByTestId('pool-create-submit').click();
  const card = page.locator(`[data-testid="pool-card"][data-name="${name}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('count-total')).toHaveText('0');
  await expect(card.getByTestId('pool-out')).toBeVisible();

  // A CSV with a header, a repeated code and an invalid one: the good lines are kept, the others named by line.
  await card.getByTestId('pool-upload').setInputFiles({
    name: 'codes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('code,batch\nE2E-A1,1\nE2E-A2,1\nE2E-A2,2\nnot valid,2\nE2E-A3,3\n'),
  });
  const result = card.getByTestId('upload-result');
  await expect(result).toContainText('Added 3 codes');
  await expect(result.getByTestId('upload-rejected').locator('li')).toHaveText(['line 4: “E2E-A2” repeats line 3', 'line 5: not a valid code “not valid”']);
  await expect(card.getByTestId('count-available')).toHaveText('3');
  await expect(card.getByTestId('count-issued')).toHaveText('0');
  await expect(card.getByTestId('count-redeemed')).toHaveText('0');
  await expect(card.getByTestId('count-expired')).toHaveText('0');
  // Three codes left, warning below five.
  await expect(card.getByTestId('pool-low')).toBeVisible();

  await card.getByTestId('pool-generate-count').fill('1200');
  await card.getByTestId('pool-generate-prefix').fill('GEN');
  await card.getByTestId('pool-generate').click();
  await expect(card.getByTestId('generate-result')).toHaveText('Generated 1,200 codes');
  await expect(card.getByTestId('count-available')).toHaveText('1,203');
  await expect(card.getByTestId('count-total')).toHaveText('1,203');
  await expect(card.getByTestId('pool-low')).toHaveCount(0);

  // Stored: the same counts after a reload, and in Chinese.
  await page.reload();
  await expect(card.getByTestId('count-available')).toHaveText('1,203');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('券码池');
  await expect(card.locator('th').first()).toHaveText('可用');
  await page.getByTestId('lang-switch').click();
});

test('a reward node takes its codes from a pool picked in the inspector, a splitter path is capped by it, and the canvas warns when the pool runs low', async ({ page }) => {
  const name = `E2E low ${Date.now()}`;
  const call = async (path: string, input: unknown) => {
    const res = await page.request.post(`/api/trpc/${path}`, { data: input });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).result.data;
  };
  const { id } = await call('coupons.create', { name, lowStock: 10 });
  await call('coupons.upload', { poolId: id, csv: 'LOW-1\nLOW-2\n' });

  await newJourney(page);
  await drop(page, 'action.reward');
  await inspector(page).getByTestId('inspector-reward-type').selectOption('coupon');
  await inspector(page).getByTestId('inspector-coupon-pool').selectOption({ label: `${name} — 2 available` });
  // A pool replaces the fixed coupon id and value.
  await expect(inspector(page).getByTestId('inspector-coupon-id')).toHaveCount(0);
  await expect(page.locator('[data-testid^="pool-stock-"]')).toHaveText('⚠ Low stock: 2 codes left');
  const node = (await exportDocument(page)).nodes.find((n) => (n.config?.reward as { poolId?: string } | undefined)?.poolId);
  expect(node?.config).toEqual({ reward: { type: 'coupon', poolId: id } });

  // A splitter path capped by the same pool: once it is empty its members take the other path.
  await drop(page, 'split.random', 300, 420);
  await inspector(page).getByTestId('inspector-path-pool').first().selectOption({ label: `Cap: ${name} (2 left)` });
  const split = (await exportDocument(page)).nodes.find((n) => Array.isArray(n.config?.paths));
  expect(split?.config?.paths).toEqual([{ key: 'p1', weight: 50, poolId: id }, { key: 'p2', weight: 50 }]);
  await expect(page.locator('[data-testid^="pool-stock-"]')).toHaveCount(2);
});
