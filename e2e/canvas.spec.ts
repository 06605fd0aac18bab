import { expect, test, type Page } from '@playwright/test';

// A tall viewport so the whole tree fits the canvas at zoom 1 (a fresh canvas is not auto-fitted,
// so positions relative to the canvas element are flow coordinates).
test.use({ viewport: { width: 1440, height: 1000 } });

async function drop(page: Page, kind: string, x: number, y: number) {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Connects a source handle to a target handle the way a person does: press, move, release. */
async function connect(page: Page, sourceNode: string, handle: string, targetNode: string) {
  const before = await page.locator('.react-flow__edge').count();
  await page.getByTestId(`handle-${sourceNode}-${handle}`).hover();
  await page.mouse.down();
  const box = await page.getByTestId(`target-${targetNode}`).boundingBox();
  if (!box) throw new Error(`target-${targetNode} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(before + 1);
}

async function statValue(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

test('build, validate, publish and measure a journey on the canvas', async ({ page }) => {
  await page.goto('/');
  const name = `E2E welcome ${Date.now()}`;
  await page.getByTestId('new-journey-name').fill(name);
  await page.getByTestId('create-journey').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  await expect(page.getByTestId('journey-name')).toHaveText(name);
  const journeyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  // Each dropped node is selected, so the inspector configures it right away.
  await drop(page, 'trigger.event', 300, 60);
  await expect(page.getByTestId('node-trigger1')).toBeVisible();
  await page.getByTestId('inspector-event').fill('member_joined');

  await drop(page, 'branch.attribute', 300, 200);
  await page.getByTestId('inspector-attr').fill('tier');
  await page.getByTestId('inspector-op').selectOption('eq');
  await page.getByTestId('inspector-value').fill('gold');
  await expect(page.getByTestId('node-branch1')).toContainText('tier = gold');

  await drop(page, 'action.message', 130, 350);
  await page.getByTestId('inspector-channel').selectOption('sms');
  await page.getByTestId('inspector-template').fill('Welcome to gold, {{member.name}}');

  await drop(page, 'end', 130, 500);

  await drop(page, 'split.ab', 500, 350);
  await page.getByTestId('inspector-experiment').fill('welcome_ab');
  await page.getByTestId('inspector-variant-weight-0').fill('50');
  await page.getByTestId('inspector-variant-weight-1').fill('50');
  await expect(page.getByTestId('node-ab1')).toContainText('A 50% / B 50%');

  await drop(page, 'action.reward', 400, 520);
  await page.getByTestId('inspector-points').fill('50');
  await expect(page.getByTestId('node-reward1')).toContainText('50 points');

  await drop(page, 'end', 400, 680);
  await drop(page, 'end', 640, 520);

  // A throwaway wait node: configure it, then delete it with the keyboard.
  await drop(page, 'wait.duration', 760, 120);
  await page.getByTestId('inspector-duration-value').fill('2');
  await page.getByTestId('inspector-duration-unit').selectOption('hours');
  await expect(page.getByTestId('node-wait1')).toContainText('2 hours');
  await page.getByTestId('node-wait1').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-wait1')).toHaveCount(0);

  await connect(page, 'trigger1', 'out', 'branch1');
  await connect(page, 'branch1', 'yes', 'msg1');
  await connect(page, 'msg1', 'out', 'end1');
  await connect(page, 'branch1', 'no', 'ab1');
  await connect(page, 'ab1', 'A', 'reward1');
  await connect(page, 'reward1', 'out', 'end2');

  // Variant B is still open: live validation marks the node and the server refuses to publish.
  await expect(page.getByTestId('node-error-ab1')).toContainText('Handle "B" is not connected');
  await expect(page.getByTestId('node-ab1')).toHaveClass(/jn-invalid/);
  await expect(page.getByTestId('problems')).toContainText('Handle "B" is not connected');
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('node-error-ab1')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await connect(page, 'ab1', 'B', 'end3');
  await expect(page.getByTestId('node-error-ab1')).toHaveCount(0);
  await expect(page.getByTestId('problems').locator('.problem')).toHaveCount(0);
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveText('Published v1');
  await expect(page.getByTestId('journey-status')).toHaveText('Live');

  const members = Array.from({ length: 40 }, (_, i) => `m${String(i + 1).padStart(4, '0')}`);
  const res = await page.request.post('/api/events', {
    data: members.map((memberId) => ({ memberId, type: 'member_joined', id: `e2e-${journeyId}-${memberId}` })),
  });
  expect(res.ok(), await res.text()).toBe(true);

  await page.getByTestId('toggle-analytics').click();
  await expect(page.getByTestId('stat-trigger1-entered')).toHaveText('40', { timeout: 15_000 });
  await expect(page.getByTestId('stat-total-enrolled')).toHaveText('40');
  await expect(page.getByTestId('stat-branch1-entered')).toHaveText('40');

  const yes = await statValue(page, 'stat-branch1-handle-yes');
  const no = await statValue(page, 'stat-branch1-handle-no');
  expect(yes + no).toBe(40);
  expect(await statValue(page, 'stat-msg1-entered')).toBe(yes);
  expect(await statValue(page, 'stat-ab1-entered')).toBe(no);
  const a = await statValue(page, 'stat-ab1-variant-A');
  const b = await statValue(page, 'stat-ab1-variant-B');
  expect(a + b).toBe(no);
  expect(await statValue(page, 'stat-ab1-handle-A')).toBe(a);
  expect(await statValue(page, 'stat-reward1-entered')).toBe(a);
  expect(await statValue(page, 'stat-end3-entered')).toBe(b);
});

test('a malformed event is refused with 400 naming memberId', async ({ page }) => {
  const res = await page.request.post('/api/events', { data: { type: 'member_joined' } });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(JSON.stringify(body)).toContain('memberId');
});

test('the language switch shows the UI and node labels in Chinese', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('create-journey')).toHaveText('创建旅程');
  await page.getByTestId('journey-link').first().click();
  await expect(page.getByTestId('palette-trigger.event')).toContainText('实时营销');
  await expect(page.getByTestId('publish')).toHaveText('发布');
  await page.reload();
  await expect(page.getByTestId('publish')).toHaveText('发布');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('publish')).toHaveText('Publish');
  await expect(page.getByTestId('palette-trigger.event')).toContainText('Real-time trigger');
});
