import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

// Wide enough that the whole journey fits the canvas at zoom 1 (drop positions are flow coordinates).
test.use({ viewport: { width: 1800, height: 1150 } });
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function drop(page: Page, kind: string, x: number, y: number) {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

async function connect(page: Page, source: string, handle: string, target: string) {
  const before = await page.locator('.react-flow__edge').count();
  await page.getByTestId(`handle-${source}-${handle}`).hover();
  await page.mouse.down();
  const box = (await page.getByTestId(`target-${target}`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(before + 1);
}

async function duration(page: Page, field: 'timeout' | 'duration', value: string, unit: 'minutes' | 'hours' | 'days') {
  await page.getByTestId(`inspector-${field}-value`).fill(value);
  await page.getByTestId(`inspector-${field}-unit`).selectOption(unit);
}

test('build the cart-abandonment journey from a blank canvas by mouse and keyboard, publish and export it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('new-journey-name').fill(`Cart abandonment from blank ${Date.now()}`);
  await page.getByTestId('create-journey').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);

  await drop(page, 'trigger.event', 420, 30);
  await page.getByTestId('inspector-event').fill('checkout_started');
  await drop(page, 'wait.event', 420, 150);
  await page.getByTestId('inspector-event').fill('order_paid');
  await duration(page, 'timeout', '1', 'hours');
  await drop(page, 'end', 180, 290);
  await drop(page, 'action.message', 660, 290);
  await page.getByTestId('inspector-channel').selectOption('app_push');
  await page.getByTestId('inspector-template').fill('{{member.name}}, your cart is waiting');
  await drop(page, 'wait.event', 660, 420);
  await page.getByTestId('inspector-event').fill('order_paid');
  await duration(page, 'timeout', '1', 'days');
  await drop(page, 'end', 420, 560);
  await drop(page, 'split.ab', 900, 560);
  await page.getByTestId('inspector-experiment').fill('cart_coupon');
  await page.getByTestId('inspector-variant-key-0').fill('coupon');
  await page.getByTestId('inspector-variant-key-1').fill('control');
  await page.getByTestId('inspector-variant-control-1').check();
  await drop(page, 'action.message', 780, 700);
  await page.getByTestId('inspector-channel').selectOption('sms');
  await page.getByTestId('inspector-template').fill('{{member.name}}, here is 10% off');
  await drop(page, 'end', 780, 830);
  await drop(page, 'end', 1040, 700);
  await expect(page.locator('.react-flow__node')).toHaveCount(10);

  // Delete a node with the keyboard, undo it, redo the deletion, undo again.
  await page.getByTestId('node-end4').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-end4')).toHaveCount(0);
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByTestId('node-end4')).toBeVisible();
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(page.getByTestId('node-end4')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-end4')).toBeVisible();

  await connect(page, 'trigger1', 'out', 'waitev1');
  await connect(page, 'waitev1', 'event', 'end1');
  await connect(page, 'waitev1', 'timeout', 'msg1');
  await connect(page, 'msg1', 'out', 'waitev2');
  await connect(page, 'waitev2', 'event', 'end2');
  await connect(page, 'waitev2', 'timeout', 'ab1');
  await connect(page, 'ab1', 'coupon', 'msg2');
  await connect(page, 'msg2', 'out', 'end3');
  await connect(page, 'ab1', 'control', 'end4');
  await expect(page.getByTestId('problems').locator('.problem')).toHaveCount(0);

  await page.getByTestId('auto-layout').click();
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveText('Published v1');

  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const doc = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8'));
  const kindOf = new Map<string, string>(doc.nodes.map((n: { id: string; kind: string }) => [n.id, n.kind]));
  const config = (id: string) => doc.nodes.find((n: { id: string }) => n.id === id).config;
  // The structure of REQUIREMENTS.md example 4, edge by edge.
  expect(
    doc.edges.map((e: { source: string; sourceHandle?: string; target: string }) => `${kindOf.get(e.source)}:${e.sourceHandle ?? 'out'} -> ${kindOf.get(e.target)}`).sort(),
  ).toEqual(
    [
      'trigger.event:out -> wait.event',
      'wait.event:event -> end',
      'wait.event:timeout -> action.message',
      'action.message:out -> wait.event',
      'wait.event:event -> end',
      'wait.event:timeout -> split.ab',
      'split.ab:coupon -> action.message',
      'action.message:out -> end',
      'split.ab:control -> end',
    ].sort(),
  );
  expect(config('trigger1')).toEqual({ event: 'checkout_started' });
  expect(config('waitev1')).toMatchObject({ event: 'order_paid', timeout: 'PT1H' });
  expect(config('waitev2')).toMatchObject({ event: 'order_paid', timeout: 'P1D' });
  expect(config('msg1')).toMatchObject({ channel: 'app_push' });
  expect(config('ab1')).toMatchObject({ experiment: 'cart_coupon', variants: [{ key: 'coupon' }, { key: 'control', control: true }] });
});
