import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { exampleJourneys } from '../src/journey/examples';

test.use({ viewport: { width: 1440, height: 1000 } });

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Opens the journeys page and starts a journey from a template; returns the new journey's id. */
async function fromTemplate(page: Page, template: string, name = `E2E ${template} ${Date.now()}`): Promise<string> {
  await page.goto('/');
  await page.getByTestId('new-journey-name').fill(name);
  await page.getByTestId(`template-${template}`).click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  await expect(page.getByTestId('journey-name')).toHaveText(name);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

async function exportDocument(page: Page): Promise<{ path: string; doc: Record<string, unknown> }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  return { path: file, doc: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

test('undo and redo a deletion, from the toolbar and the keyboard', async ({ page }) => {
  await fromTemplate(page, 'welcome');
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(6);
  await expect(page.getByTestId('undo')).toBeDisabled();

  await page.getByTestId('node-reminder').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-reminder')).toHaveCount(0);
  await expect(edges).toHaveCount(4);
  await expect(page.getByTestId('node-error-wait_order')).toContainText('timeout');

  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-reminder')).toBeVisible();
  await expect(edges).toHaveCount(6);
  await expect(page.getByTestId('node-error-wait_order')).toHaveCount(0);

  await page.getByTestId('redo').click();
  await expect(page.getByTestId('node-reminder')).toHaveCount(0);
  await expect(edges).toHaveCount(4);

  await page.getByTestId('canvas').locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByTestId('node-reminder')).toBeVisible();
  await expect(edges).toHaveCount(6);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(page.getByTestId('node-reminder')).toHaveCount(0);
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByTestId('node-reminder')).toBeVisible();

  // A drag is one step, recorded when it ends.
  const node = page.getByTestId('node-done');
  const start = (await node.boundingBox())!;
  await node.hover();
  await page.mouse.down();
  await page.mouse.move(start.x + 120, start.y + 60, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await node.boundingBox())!.x - start.x)).toBeGreaterThan(20);
  await page.getByTestId('undo').click();
  await expect.poll(async () => Math.round((await node.boundingBox())!.x)).toBe(Math.round(start.x));

  // A config edit is one step too, however many keystrokes it took.
  await page.getByTestId('node-trigger').click();
  await page.getByTestId('inspector-event').fill('member_signed_up');
  await expect(page.getByTestId('node-trigger')).toContainText('member_signed_up');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-trigger')).toContainText('member_joined');
});

test('autosave keeps the draft across a reload', async ({ page }) => {
  await fromTemplate(page, 'blank');
  await page.getByTestId('palette-trigger.event').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 80 } });
  await page.getByTestId('inspector-event').fill('member_joined');
  await page.getByTestId('palette-action.tag').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 260 } });
  await page.getByTestId('inspector-tags-add').fill('new_member, e2e');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'dirty');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 });

  await page.reload();
  await expect(page.getByTestId('node-trigger1')).toContainText('member_joined');
  await expect(page.getByTestId('node-tag1')).toContainText('+new_member +e2e');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
});

for (const doc of exampleJourneys) {
  test(`template ${doc.id}: opens fitted and test-runs with m0001`, async ({ page }) => {
    await fromTemplate(page, doc.id);
    // Opening a journey fits the whole of it into view.
    for (const n of doc.nodes) await expect(page.getByTestId(`node-${n.id}`)).toBeInViewport();
    await expect(page.getByTestId('problems').locator('.problem')).toHaveCount(0);

    await expect(page.getByTestId('testrun-member')).toHaveValue('m0001');
    if (doc.id === 'tier-upgrade') {
      // The trigger filters on the event's properties: send a matching event right away.
      await page.getByTestId('testrun-event').fill('tier_changed');
      await page.getByTestId('testrun-after').fill('0');
      await page.getByTestId('testrun-props').fill('{"direction":"up"}');
    }
    await page.getByTestId('testrun-start').click();
    const steps = page.getByTestId('testrun-step');
    await expect(steps.first()).toBeVisible();
    await expect(steps.first()).toHaveAttribute('data-node', 'trigger');
    await expect(steps.first()).toHaveAttribute('data-kind', 'enter');
    expect(await page.locator('.jn-visited').count()).toBeGreaterThan(1);
    await expect(page.getByTestId('node-trigger')).toHaveClass(/jn-visited/);
    await expect(page.getByTestId('visit-trigger')).toHaveText(/^1\b/);
    expect(await page.locator('.react-flow__edge.je-visited').count()).toBeGreaterThan(0);
    // Win-back may draw the control group for m0001, which sends nothing.
    if (doc.id !== 'dormant-winback') await expect(page.getByTestId('testrun-effect').first()).toBeVisible();
    // Nothing was sent and nothing changed: the draft is untouched.
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  });
}

test('export then import gives the same journey', async ({ page }) => {
  await fromTemplate(page, 'cart-abandonment');
  const first = await exportDocument(page);
  expect((first.doc.nodes as unknown[]).length).toBe(10);

  await page.getByTestId('node-push').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-push')).toHaveCount(0);

  await page.getByTestId('import').setInputFiles(first.path);
  // The canvas has nodes: importing asks whether to replace the draft or merge into it.
  await page.getByTestId('import-replace').click();
  await expect(page.getByTestId('node-push')).toBeVisible();
  const second = await exportDocument(page);
  expect(second.doc).toEqual(first.doc);

  // A file that is not a journey document is refused and the draft stays.
  await page.getByTestId('import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('node-push')).toBeVisible();
});

test('errors show on the node and in the problems panel, and publish is refused', async ({ page }) => {
  await fromTemplate(page, 'second-purchase');
  const wait = exampleJourneys.find((d) => d.id === 'second-purchase')!.nodes.find((n) => n.kind === 'wait.duration')!;
  await page.getByTestId(`node-${wait.id}`).click();
  await page.getByTestId('inspector-duration-value').fill('');
  await expect(page.getByTestId(`node-error-${wait.id}`)).toBeVisible();
  await expect(page.getByTestId(`problem-${wait.id}`)).toBeVisible();

  // A new node with an invalid field and an unconnected handle.
  const before = await page.locator('.problem').count();
  await page.getByTestId('palette-action.tag').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 60, y: 60 } });
  await page.getByTestId('inspector-tags-add').fill('bad tag!');
  await expect(page.getByTestId('inspector').getByTestId('field-error')).toContainText('not a valid tag');
  await expect(page.getByTestId('node-error-tag1')).toBeVisible();
  expect(await page.locator('.problem').count()).toBeGreaterThan(before);

  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('journey-status')).toHaveText('Draft');
});

test('republishing a live journey shows the diff and lets members migrate', async ({ page }) => {
  await fromTemplate(page, 'welcome');
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveText('Published v1');

  await page.getByTestId('node-bonus').click();
  await page.getByTestId('inspector-points').fill('200');
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('diff-changed-bonus')).toBeVisible();
  await expect(dialog.getByTestId('publish-keep')).toBeChecked();
  await dialog.getByTestId('publish-migrate').check();
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('publish-status')).toHaveText('Published v2');
});

test('copy, paste, duplicate, auto-layout and the shortcuts dialog', async ({ page }) => {
  await fromTemplate(page, 'birthday-care');
  const nodes = page.locator('.react-flow__node');
  await expect(nodes).toHaveCount(8);
  await page.getByTestId('node-sms').click();
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await expect(nodes).toHaveCount(9);
  await expect(page.getByTestId('node-msg1')).toBeVisible();
  await page.keyboard.press(`${mod}+d`);
  await expect(nodes).toHaveCount(10);
  await page.getByTestId('undo').click();
  await expect(nodes).toHaveCount(9);

  const before = await page.getByTestId('node-end_other').boundingBox();
  await page.getByTestId('auto-layout').click();
  await expect.poll(async () => JSON.stringify(await page.getByTestId('node-end_other').boundingBox())).not.toBe(JSON.stringify(before));
  for (const id of ['trigger', 'tier', 'end_gold', 'end_other', 'msg1']) await expect(page.getByTestId(`node-${id}`)).toBeInViewport();

  await page.getByTestId('shortcuts').click();
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Ctrl+Y');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);
});

test('the editor in Chinese: palette, inspector and tools', async ({ page }) => {
  await fromTemplate(page, 'tier-upgrade');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('palette-trigger.event')).toContainText('实时营销');
  await expect(page.getByTestId('palette-action.tag')).toContainText('人群打标');
  await page.getByTestId('node-trigger').click();
  await expect(page.getByTestId('inspector')).toContainText('事件名');
  await page.getByTestId('palette-branch.time').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 60, y: 60 } });
  await expect(page.getByTestId('inspector')).toContainText('时间判断');
  await expect(page.getByTestId('inspector')).toContainText('开始');
  await page.getByTestId('inspector-to').fill('25:00');
  await expect(page.getByTestId('inspector').getByTestId('field-error')).toContainText('请输入 09:30 这样的时间');
  await expect(page.getByTestId('undo')).toContainText('撤销');
  await expect(page.getByTestId('testrun-start')).toHaveText('开始测试');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('testrun-start')).toHaveText('Run test');
});

test('the palette search finds node kinds in English and Chinese', async ({ page }) => {
  await page.goto('/journeys/welcome');
  await page.getByTestId('palette-search').fill('wait');
  await expect(page.getByTestId('palette-wait.event')).toBeVisible();
  await expect(page.getByTestId('palette-action.message')).toHaveCount(0);
  await page.getByTestId('palette-search').fill('分流');
  await expect(page.getByTestId('palette-split.ab')).toBeVisible();
  await expect(page.getByTestId('palette-split.random')).toBeVisible();
  await expect(page.getByTestId('palette-wait.event')).toHaveCount(0);
});
