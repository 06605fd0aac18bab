import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';

// The segments page (人群): saved audiences with their size now, a rule editor whose live count
// matches the database, saving, deleting, and uploading a static group from a list of ids.
test.use({ viewport: { width: 1400, height: 1200 } });

function memberCount(where: string): number {
  const db = new Database(path.resolve('.test-results/e2e.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select count(*) from members where erased_at is null and (${where})`).pluck().get() as number;
  } finally {
    db.close();
  }
}

test('segments: sizes match the members, a new segment is counted live and saved, bad ids are refused', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('nav-segments').click();
  await expect(page).toHaveURL(/\/segments$/);
  const highValue = memberCount(`tier in ('gold', 'platinum') or points >= 10000`);
  await expect(page.getByTestId('segment-row-high_value').getByTestId('segment-members')).toHaveAttribute('data-value', String(highValue));
  await expect(page.getByTestId('segment-row-shanghai_members').getByTestId('segment-members')).toHaveAttribute('data-value', String(memberCount(`city = '上海'`)));

  await page.getByTestId('segment-new').click();
  const editor = page.getByTestId('segment-editor');
  await expect(editor.getByTestId('field-error')).toHaveText('Add at least one rule');
  await expect(editor.getByTestId('segment-save')).toBeDisabled();
  await editor.getByTestId('segment-name').fill('Shanghai gold');
  await expect(editor.getByTestId('segment-id')).toHaveValue('shanghai_gold');
  await editor.getByTestId('inspector-add-rule').click();
  const rule0 = editor.getByTestId('inspector-rule-0');
  await rule0.getByTestId('inspector-attr').fill('city');
  await rule0.getByTestId('inspector-value').fill('上海');
  await editor.getByTestId('inspector-add-rule').click();
  const rule1 = editor.getByTestId('inspector-rule-1');
  await rule1.getByTestId('inspector-attr').fill('tier');
  await rule1.getByTestId('inspector-value').fill('gold');
  const expected = memberCount(`city = '上海' and tier = 'gold'`);
  expect(expected).toBeGreaterThan(0);
  await expect(editor.getByTestId('segment-preview')).toHaveAttribute('data-matching', String(expected));
  await expect(editor.getByTestId('segment-preview')).toContainText(`${expected} of ${memberCount('1 = 1').toLocaleString('en-US')} members match now`);

  await editor.getByTestId('segment-save').click();
  await expect(page.getByTestId('segments-note')).toHaveText('Saved “Shanghai gold”');
  await expect(page.getByTestId('segment-row-shanghai_gold').getByTestId('segment-members')).toHaveAttribute('data-value', String(expected));

  // A bad id is refused on its field; nothing is stored.
  await page.getByTestId('segment-new').click();
  await editor.getByTestId('segment-name').fill('Anyone');
  await editor.getByTestId('segment-id').fill('bad id');
  await editor.getByTestId('inspector-add-rule').click();
  await editor.getByTestId('inspector-rule-0').getByTestId('inspector-attr').fill('points');
  await editor.getByTestId('inspector-rule-0').getByTestId('inspector-op').selectOption('exists');
  await editor.getByTestId('segment-save').click();
  await expect(editor.locator('label.field', { has: page.getByTestId('segment-id') }).getByTestId('field-error')).toContainText('Segment ids use letters');
  await editor.getByTestId('segment-cancel').click();

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('segment-row-shanghai_gold').getByTestId('segment-delete').click();
  await expect(page.getByTestId('segment-row-shanghai_gold')).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('人群');
});

test('a static group uploaded from pasted ids: unknown ids are named and not stored', async ({ page }) => {
  await page.goto('/segments');
  const form = page.getByTestId('group-upload');
  await form.getByTestId('group-id').fill('vip_preview');
  await form.getByTestId('group-ids').fill('m0001, m0002\nnobody');
  await form.getByTestId('group-upload-submit').click();
  await expect(form.getByTestId('group-upload-result')).toHaveText('Group “vip_preview”: 2 added, 0 already in it');
  await expect(form.getByTestId('group-upload-unknown')).toHaveText('1 unknown id not stored: nobody');

  await form.getByTestId('group-id').fill('vip preview');
  await form.getByTestId('group-upload-submit').click();
  await expect(form.locator('label.field', { has: page.getByTestId('group-id') }).getByTestId('field-error')).toContainText('Group ids use letters');
});
