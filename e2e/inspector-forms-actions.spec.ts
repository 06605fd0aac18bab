import { expect, test } from '@playwright/test';
import { drop, exportedConfig, fieldError, inspector, newJourney } from './inspector-helpers';

// Splitter, asset and group nodes configured through their forms; the JSON view as the advanced
// fallback; and the new labels in Simplified Chinese.
test.use({ viewport: { width: 1440, height: 1000 } });

test('splitter (分流器): add a path, weigh and rename it; bad and duplicate keys are named', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'split.random');
  const ins = inspector(page);
  await expect(ins.getByTestId('inspector-remove-path').first()).toBeDisabled();
  await ins.getByTestId('inspector-add-path').click();
  await expect(ins.getByTestId('inspector-path-share')).toHaveText(['33%', '33%', '33%']);
  const p2 = ins.getByTestId('inspector-path-2');
  await expect(p2.getByTestId('inspector-path-key')).toHaveValue('p3');
  await p2.getByTestId('inspector-path-weight').fill('100');
  await p2.getByTestId('inspector-path-key').fill('slow');
  await expect(ins.getByTestId('inspector-path-share')).toHaveText(['25%', '25%', '50%']);
  await expect(page.getByTestId('node-random1')).toContainText('p1 25% / p2 25% / slow 50%');
  await expect(page.getByTestId('handle-random1-slow')).toBeAttached();
  expect(await exportedConfig(page, 'random1')).toEqual({
    paths: [
      { key: 'p1', weight: 50 },
      { key: 'p2', weight: 50 },
      { key: 'slow', weight: 100 },
    ],
  });

  await p2.getByTestId('inspector-path-key').fill('slow lane');
  await expect(p2.getByTestId('field-error')).toHaveText('Path keys use letters, digits, "_" and "-"');
  await p2.getByTestId('inspector-path-key').fill('p1');
  await expect(p2.getByTestId('field-error')).toHaveText('Duplicate path key "p1"');
  await expect(page.getByTestId('node-error-random1')).toHaveText('Duplicate path key "p1"');
  await p2.getByTestId('inspector-path-key').fill('slow');
  await ins.getByTestId('inspector-path-0').getByTestId('inspector-path-weight').fill('');
  await expect(ins.getByTestId('inspector-path-0').getByTestId('field-error')).toHaveText('Weights must be numbers greater than 0');

  await ins.getByTestId('inspector-path-0').getByTestId('inspector-path-weight').fill('50');
  await ins.getByTestId('inspector-path-1').getByTestId('inspector-remove-path').click();
  await expect(ins.getByTestId('inspector-path-1').getByTestId('inspector-path-key')).toHaveValue('slow');
  expect(await exportedConfig(page, 'random1')).toEqual({ paths: [{ key: 'p1', weight: 50 }, { key: 'slow', weight: 100 }] });
});

test('asset change (资产变更): deduct growth value, then set the tier', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'action.asset');
  const ins = inspector(page);
  await expect(ins.getByTestId('inspector-asset')).toHaveValue('points');
  await expect(ins.getByTestId('inspector-asset-amount')).toHaveValue('100');
  await ins.getByTestId('inspector-asset').selectOption('growth');
  await ins.getByTestId('inspector-asset-direction').selectOption('deduct');
  await ins.getByTestId('inspector-asset-amount').fill('30');
  await expect(page.getByTestId('node-asset1')).toContainText('-30 growth');
  expect(await exportedConfig(page, 'asset1')).toEqual({ asset: 'growth', delta: -30 });

  await ins.getByTestId('inspector-asset-amount').fill('0');
  await expect(fieldError(ins, 'inspector-asset-amount')).toHaveText('Enter a whole number greater than 0');
  await expect(page.getByTestId('node-error-asset1')).toHaveText('The change must not be zero');

  await ins.getByTestId('inspector-asset').selectOption('tier');
  await expect(fieldError(ins, 'inspector-tier')).toHaveText('Required');
  await expect(ins.locator('datalist option[value="platinum"]')).toHaveCount(1);
  await ins.getByTestId('inspector-tier').fill('platinum');
  await expect(page.getByTestId('node-asset1')).toContainText('Tier → platinum');
  expect(await exportedConfig(page, 'asset1')).toEqual({ tier: 'platinum' });
});

test('customer group (客群分流): remove from a group; an id with spaces is refused', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'action.group');
  const ins = inspector(page);
  await ins.getByTestId('inspector-group-op').selectOption('remove');
  await ins.getByTestId('inspector-group').fill('spring_sale');
  await expect(page.getByTestId('node-group1')).toContainText('Remove from spring_sale');
  expect(await exportedConfig(page, 'group1')).toEqual({ group: 'spring_sale', op: 'remove' });

  await ins.getByTestId('inspector-group').fill('spring sale');
  await expect(fieldError(ins, 'inspector-group')).toHaveText('Group ids use letters, digits, _ and - (no spaces)');
  await expect(page.getByTestId('node-error-group1')).toContainText('Group ids use letters');

  // Groups the journey already uses are offered when another node is configured.
  await ins.getByTestId('inspector-group').fill('spring_sale');
  await drop(page, 'branch.segment', 300, 320);
  await inspector(page).getByTestId('inspector-rule-0').getByTestId('inspector-rule-kind').selectOption('segment');
  await expect(inspector(page).locator('datalist option[value="spring_sale"]')).toHaveCount(1);
});

test('the JSON view stays as an advanced fallback and follows the form both ways', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'split.random');
  const ins = inspector(page);
  const json = ins.getByTestId('inspector-config-json');
  await expect(json).toBeHidden();
  await ins.getByTestId('inspector-advanced').locator('summary').click();
  await expect(json).toBeVisible();

  await ins.getByTestId('inspector-path-1').getByTestId('inspector-path-key').fill('late');
  expect(JSON.parse(await json.inputValue())).toEqual({ paths: [{ key: 'p1', weight: 50 }, { key: 'late', weight: 50 }] });

  await json.fill(JSON.stringify({ paths: [{ key: 'x', weight: 1 }, { key: 'y', weight: 3 }] }));
  await expect(ins.getByTestId('inspector-path-1').getByTestId('inspector-path-key')).toHaveValue('y');
  await expect(ins.getByTestId('inspector-path-share')).toHaveText(['25%', '75%']);
  await expect(page.getByTestId('node-random1')).toContainText('x 25% / y 75%');
});

test('the new forms speak Simplified Chinese', async ({ page }) => {
  await newJourney(page);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await drop(page, 'trigger.segment');
  const ins = inspector(page);
  await expect(ins).toContainText('目标人群');
  await expect(ins.getByTestId('inspector-audience').locator('option')).toHaveText(['已保存的人群', '自定义人群(规则)']);
  await expect(ins.getByTestId('inspector-run-mode').locator('option')).toHaveText(['单次执行', '周期性执行']);
  await expect(ins.getByTestId('inspector-rule-0').getByTestId('inspector-rule-kind').locator('option')).toHaveText(['属性', '标签', '人群', '行为事件']);
  await expect(ins.getByTestId('inspector-rule-0')).toContainText('未发生');
  // Known events carry their Chinese name in the picker.
  await expect(ins.locator('datalist option[value="order_paid"]').first()).toHaveText('支付订单');
  await ins.getByTestId('inspector-tz').fill('Mars/Olympus');
  await expect(page.getByTestId('node-error-segment1')).toContainText('未知的时区');
  await expect(fieldError(ins, 'inspector-tz')).toContainText('未知的时区');

  await drop(page, 'split.random', 300, 320);
  await expect(inspector(page)).toContainText('分流路径');
  await expect(inspector(page).getByTestId('inspector-add-path')).toHaveText('+ 添加路径');

  await drop(page, 'branch.attribute', 560, 320);
  await expect(inspector(page).getByTestId('inspector-branch-mode').locator('option')).toHaveText(['是 / 否', '多分支']);

  await drop(page, 'action.asset', 560, 520);
  await expect(inspector(page).getByTestId('inspector-asset').locator('option')).toHaveText(['积分', '成长值', '储值', '会员等级']);
  await expect(inspector(page).getByTestId('inspector-asset-direction').locator('option')).toHaveText(['增加', '扣减']);
  await expect(inspector(page).getByTestId('inspector-advanced')).toContainText('高级:以 JSON 编辑');
});
