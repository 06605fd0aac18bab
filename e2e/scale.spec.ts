import { expect, test, type Page } from '@playwright/test';
import type {} from '../src/components/canvas/render-debug';
import { bigJourney } from './big-journey';

// A 200-node journey must stay smooth: selecting, editing or dragging one node re-renders that
// node, not the other 199. Render counts come from `?debugRenders=1` (see render-debug.ts).
// Open time and pan frame times are printed for the record, never asserted: timings vary by machine.
test.use({ viewport: { width: 1440, height: 1000 } });

const SIZE = 200;

interface Renders {
  nodes: Record<string, number>;
  edges: Record<string, number>;
}

async function renders(page: Page): Promise<Renders> {
  return page.evaluate(() => window.__JOURNEY_DEBUG__!.renders);
}

async function resetRenders(page: Page) {
  await page.evaluate(() => window.__JOURNEY_DEBUG__!.reset());
}

/** Lets React commit whatever the last input scheduled before counts are read. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}


function frameStats(frames: number[]) {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = frames.reduce((s, f) => s + f, 0) / frames.length;
  return { frames: frames.length, meanMs: +mean.toFixed(1), p95Ms: +at(0.95).toFixed(1), maxMs: +sorted[sorted.length - 1].toFixed(1) };
}

test(`a ${SIZE}-node journey: one node's selection, edit and drag re-render only that node`, async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('new-journey-name').fill(`Scale ${Date.now()}`);
  await page.getByTestId('create-journey').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  const path = new URL(page.url()).pathname;
  const doc = bigJourney(SIZE);
  await page.getByTestId('import').setInputFiles({ name: 'scale.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.locator('.react-flow__node')).toHaveCount(SIZE);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });

  // Open the saved journey afresh, with render counting on.
  await page.goto(`${path}?debugRenders=1`);
  await page.waitForFunction(
    (size) => [...document.querySelectorAll('.react-flow__node')].filter((n) => getComputedStyle(n).visibility !== 'hidden').length >= size,
    SIZE,
    { polling: 'raf', timeout: 30_000 },
  );
  const openMs = await page.evaluate(() => performance.now());
  await expect(page.getByTestId('problems').locator('.problem')).toHaveCount(0);
  const initial = await renders(page);
  // The counter works: every node rendered at least once while opening.
  expect(Object.keys(initial.nodes)).toHaveLength(SIZE);

  const target = 'n4_9';
  const node = page.getByTestId(`node-${target}`);
  await resetRenders(page);
  await node.click();
  await expect(page.getByTestId('inspector-node-id')).toHaveText(target);
  await settle(page);
  const afterSelect = await renders(page);
  expect(Object.keys(afterSelect.nodes)).toEqual([target]);

  await resetRenders(page);
  await page.getByTestId('inspector-template').fill('Hello from the inspector');
  await expect(node).toContainText('Hello from the inspector');
  await settle(page);
  const afterEdit = await renders(page);
  expect(Object.keys(afterEdit.nodes)).toEqual([target]);
  expect(afterEdit.nodes[target]).toBeLessThanOrEqual(3);

  // An invalid value flags this node only.
  await resetRenders(page);
  await page.getByTestId('inspector-template').fill('');
  await expect(page.getByTestId(`node-error-${target}`)).toBeVisible();
  await settle(page);
  expect(Object.keys((await renders(page)).nodes)).toEqual([target]);
  await page.getByTestId('inspector-template').fill('Fixed');
  await expect(page.getByTestId(`node-error-${target}`)).toHaveCount(0);

  await resetRenders(page);
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + 46, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await node.boundingBox())!.x - box.x)).toBeGreaterThan(20);
  await settle(page);
  const afterDrag = await renders(page);
  expect(Object.keys(afterDrag.nodes)).toEqual([target]);
  expect(afterDrag.nodes[target]).toBeGreaterThan(1);
  // Only the dragged node's two edges follow it.
  expect(Object.keys(afterDrag.edges).length).toBeLessThanOrEqual(2);

  // Pan by dragging the empty margin of the canvas, recording the time between frames.
  await resetRenders(page);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + 12, canvas.y + 12);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 412, canvas.y + 212, { steps: 60 });
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(1);
  });
  const afterPan = await renders(page);
  const pan = frameStats(frames);
  console.log(
    `[scale] ${SIZE} nodes: open ${Math.round(openMs)} ms (navigation start to all nodes drawn); ` +
      `pan ${pan.frames} frames, mean ${pan.meanMs} ms, p95 ${pan.p95Ms} ms, max ${pan.maxMs} ms; ` +
      `node renders while panning ${Object.values(afterPan.nodes).reduce((s, n) => s + n, 0)}`,
  );
});
