import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// This machine (and CI) has no CJK font (`fc-list :lang=zh` is empty): Chinese must come from the shipped web font.
test.use({ viewport: { width: 1440, height: 900 } });

/**
 * Draws two different Chinese characters in the page's own font and compares the pixels: without a
 * CJK glyph both are the same "missing glyph" box, with the font they differ.
 */
async function glyphsDiffer(page: Page, a: string, b: string): Promise<boolean> {
  return page.evaluate(
    ([x, y]) => {
      const font = `32px ${getComputedStyle(document.body).fontFamily}`;
      const draw = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = 48;
        c.height = 48;
        const g = c.getContext('2d')!;
        g.font = font;
        g.fillStyle = '#000';
        g.fillText(ch, 4, 36);
        return Array.from(g.getImageData(0, 0, 48, 48).data);
      };
      const da = draw(x);
      const db = draw(y);
      const inked = da.some((v, i) => i % 4 === 3 && v > 0);
      return inked && da.some((v, i) => v !== db[i]);
    },
    [a, b] as const,
  );
}

test('zh-CN text renders from the shipped font, icons are SVG, titles fit on one line', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('nav-segments')).toHaveText('人群');
  await page.getByTestId('journey-row-welcome').getByTestId('journey-link').click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready);
  // Wait until the slices of the font this page uses have arrived.
  await expect.poll(() => page.evaluate(() => document.fonts.check('14px "Noto Sans SC"', '画布营销人群等待'))).toBe(true);
  expect(await glyphsDiffer(page, '中', '文')).toBe(true);
  expect(await glyphsDiffer(page, '等', '待')).toBe(true);

  // Palette and node icons are lucide SVGs, never emoji glyphs.
  await expect(page.getByTestId('palette-trigger.event').locator('svg')).toHaveCount(1);
  const icons = await page.locator('.jn-icon').allInnerTexts();
  expect(icons.every((t) => t.trim() === '')).toBe(true);
  // Every node title is on one line and not cut ("Sen…").
  const cut = await page.locator('.jn-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  expect(cut).toEqual([]);

  // Slices load as text needs them: wait until every Chinese character on the page has its glyphs, in both weights.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const han = [...new Set(document.body.innerText.match(/[\u4e00-\u9fff]/g) ?? [])].join('');
        await Promise.all([document.fonts.load('14px "Noto Sans SC"', han), document.fonts.load('bold 14px "Noto Sans SC"', han)]);
        return document.fonts.check('14px "Noto Sans SC"', han) && document.fonts.check('bold 14px "Noto Sans SC"', han);
      }),
    )
    .toBe(true);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(process.cwd(), '.test-results', 'zh-canvas.png') });
});

test('Fit view fits a 150-node chain', async ({ page, request }) => {
  const nodes = [{ id: 't', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 0, y: 0 } }];
  const edges: { source: string; target: string }[] = [];
  for (let i = 1; i < 149; i++) {
    nodes.push({ id: `w${i}`, kind: 'wait.duration', config: { duration: 'P1D' }, position: { x: 0, y: i * 200 } } as never);
    edges.push({ source: i === 1 ? 't' : `w${i - 1}`, target: `w${i}` });
  }
  nodes.push({ id: 'x', kind: 'end', position: { x: 0, y: 149 * 200 } } as never);
  edges.push({ source: 'w148', target: 'x' });
  const document = { format: 'journey/v1', id: 'chain', name: 'Chain', entry: { reentry: 'never' }, nodes, edges };
  const res = await request.post('/api/trpc/journeys.create', { data: { name: `Chain ${Date.now()}`, document } });
  expect(res.status()).toBe(200);
  const { id } = (await res.json()).result.data as { id: string };

  await page.goto(`/journeys/${id}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('fit-view').click();
  await page.waitForTimeout(600);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(boxes).toHaveLength(150);
  for (const b of boxes) {
    expect(b.top).toBeGreaterThanOrEqual(canvas.y - 1);
    expect(b.bottom).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
  }
});
