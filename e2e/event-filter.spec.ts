import { expect, test } from '@playwright/test';
import { drop, exportedConfig, fieldError, inspector, newJourney } from './inspector-helpers';

// Event filters (事件属性筛选): a trigger, a wait or an event rule can count only the events whose
// properties match ("order paid with amount ≥ 200"), built as rules over the event's own properties.
test.use({ viewport: { width: 1440, height: 1000 } });

test('event filter: "order paid, amount ≥ 200" on a trigger, offered the event’s properties, removable', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'trigger.event');
  const ins = inspector(page);
  await ins.getByTestId('inspector-event').fill('order_paid');
  await expect(ins.getByTestId('inspector-event-filter')).toHaveCount(0);
  await ins.getByTestId('inspector-add-filter').click();
  const filter = ins.getByTestId('inspector-event-filter');
  // The picker offers the event's properties, not member attributes.
  await expect(filter.locator('datalist option[value="properties.amount"]')).toHaveCount(1);
  await expect(filter.locator('datalist option[value="tier"]')).toHaveCount(0);
  await expect(fieldError(filter, 'inspector-attr')).toHaveText('Required');
  await expect(page.getByTestId('node-error-trigger1')).toBeVisible();

  await filter.getByTestId('inspector-attr').fill('properties.amount');
  await filter.getByTestId('inspector-op').selectOption('gte');
  await filter.getByTestId('inspector-value').fill('200');
  await expect(ins.getByTestId('field-error')).toHaveCount(0);
  expect(await exportedConfig(page, 'trigger1')).toEqual({ event: 'order_paid', where: { attr: 'properties.amount', op: 'gte', value: 200 } });

  await filter.getByTestId('inspector-rule-remove').click();
  await expect(ins.getByTestId('inspector-event-filter')).toHaveCount(0);
  expect(await exportedConfig(page, 'trigger1')).toEqual({ event: 'order_paid' });
});

test('event filter inside an event rule and on a wait, saved in the node config as `where`', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'branch.event');
  const rule = inspector(page).getByTestId('inspector-rule-0');
  await rule.getByTestId('inspector-add-filter').click();
  await rule.getByTestId('inspector-event-filter').getByTestId('inspector-attr').fill('properties.amount');
  await rule.getByTestId('inspector-event-filter').getByTestId('inspector-op').selectOption('gt');
  await rule.getByTestId('inspector-event-filter').getByTestId('inspector-value').fill('500');
  const branch = (await exportedConfig(page, 'event1')) as { condition: unknown };
  expect(branch.condition).toEqual({ event: 'order_paid', within: 'P30D', where: { attr: 'properties.amount', op: 'gt', value: 500 } });

  await drop(page, 'wait.event', 300, 420);
  const ins = inspector(page);
  await ins.getByTestId('inspector-add-filter').click();
  await ins.getByTestId('inspector-attr').fill('properties.amount');
  await ins.getByTestId('inspector-op').selectOption('between');
  await ins.getByTestId('inspector-value').fill('100,300');
  expect(await exportedConfig(page, 'waitev1')).toEqual({ event: 'order_paid', timeout: 'P3D', where: { attr: 'properties.amount', op: 'between', value: [100, 300] } });

  await page.getByTestId('lang-switch').click();
  await expect(ins.getByTestId('inspector-event-filter')).toContainText('事件属性筛选');
});
