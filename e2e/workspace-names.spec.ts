import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { drop, inspector, newJourney } from './inspector-helpers';

// The pickers offer what this workspace really has (its saved segments, static groups, tags and the
// events it receives), not only built-in names; each with a hint a marketer can tell them apart by.
test.use({ viewport: { width: 1440, height: 1000 } });

function vipMembers(): number {
  const db = new Database(path.resolve('.test-results/e2e.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select count(*) from member_tags where tag = 'vip'`).pluck().get() as number;
  } finally {
    db.close();
  }
}

test('segment, group, tag and event pickers list the workspace’s own names with hints', async ({ page }) => {
  // An event type no template knows, sent by the brand's app a moment ago.
  const sent = await page.request.post('/api/events', { data: { memberId: 'm0007', type: 'lipstick_tried', properties: { shade: 'rose' } } });
  expect(sent.status()).toBe(202);

  await newJourney(page);
  await drop(page, 'trigger.segment');
  const ins = inspector(page);
  await ins.getByTestId('inspector-audience').selectOption('segment');
  const segments = ins.getByTestId('inspector-segment-options');
  await expect(segments.locator('option[value="dormant_90d"]')).toHaveText('Dormant 90 days');
  await expect(segments.locator('option[value="high_value"]')).toHaveText('High value (gold, platinum or 10,000+ points)');
  await expect(segments.locator('option[value="spring_preview_invitees"]')).toHaveText('Static group · 40 members');

  await drop(page, 'branch.segment', 300, 320);
  // Its first rule is "has tag vip".
  await expect(inspector(page).getByTestId('inspector-rule-0').locator('datalist option[value="vip"]')).toHaveText(`${vipMembers().toLocaleString('en-US')} members`);

  await drop(page, 'branch.event', 300, 520);
  await expect(inspector(page).getByTestId('inspector-rule-0').locator('datalist option[value="lipstick_tried"]')).toHaveCount(1);

  await drop(page, 'action.group', 560, 320);
  await expect(inspector(page).locator('datalist option[value="spring_preview_invitees"]')).toHaveText('Static group · 40 members');

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(inspector(page).locator('datalist option[value="spring_preview_invitees"]')).toHaveText('静态客群 · 40 人');
});
