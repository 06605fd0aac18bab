import path from 'node:path';
import { expect, test } from '@playwright/test';

// Opens the seeded demo journey "New member welcome" on the canvas with the analytics overlay on.
// It is picked by its seeded id and name, not by list position: other tests create and edit
// journeys (some from the same template), which reorders the list by last update.
// With UPDATE_SCREENSHOT=1 it (re)writes public/screenshot-canvas.png;
// otherwise it checks that the canvas shows the demo journey's nodes.
test.use({ viewport: { width: 1440, height: 900 } });

test('demo journey canvas renders (and updates the README screenshot on demand)', async ({ page }) => {
  await page.goto('/');

  const journeyLink = page.getByTestId('journey-row-welcome').getByTestId('journey-link');
  await expect(journeyLink).toHaveText('New member welcome', { timeout: 30_000 });
  await journeyLink.click();

  await expect(page.getByTestId('journey-name')).toHaveText('New member welcome');
  const nodes = page.locator('.react-flow__node');
  await expect(nodes.first()).toBeVisible({ timeout: 30_000 });

  const analyticsToggle = page.locator('[data-testid="toggle-analytics"]');
  if ((await analyticsToggle.count()) > 0) {
    await analyticsToggle.first().click();
  }
  // Let layout, fitView and the analytics overlay settle.
  await page.waitForTimeout(2_500);

  if (process.env.UPDATE_SCREENSHOT === '1') {
    await page.screenshot({
      path: path.join(process.cwd(), 'public', 'screenshot-canvas.png'),
      fullPage: false,
    });
  } else {
    expect(await nodes.filter({ visible: true }).count()).toBeGreaterThanOrEqual(3);
  }
});
