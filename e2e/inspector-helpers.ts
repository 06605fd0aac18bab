import fs from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** Creates a blank journey and opens it on the canvas. */
export async function newJourney(page: Page, name = `E2E forms ${Date.now()}`) {
  await page.goto('/');
  await page.getByTestId('new-journey-name').fill(name);
  await page.getByTestId('create-journey').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
}

/** Drops a palette node onto the canvas; the new node is selected, so the inspector shows its form. */
export async function drop(page: Page, kind: string, x = 300, y = 120) {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

export async function exportDocument(page: Page): Promise<{ nodes: { id: string; config?: Record<string, unknown> }[] }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  return JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
}

/** The node's config as the exported journey document has it. */
export async function exportedConfig(page: Page, nodeId: string) {
  const doc = await exportDocument(page);
  return doc.nodes.find((n) => n.id === nodeId)?.config;
}

/** The validation message shown on the form field holding the input `testId`. */
export function fieldError(scope: Locator, testId: string): Locator {
  return scope.locator('label.field', { has: scope.page().getByTestId(testId) }).getByTestId('field-error');
}

export function inspector(page: Page): Locator {
  return page.getByTestId('inspector');
}
