import { expect, test } from '@playwright/test';
import { drop, exportedConfig, fieldError, inspector, newJourney } from './inspector-helpers';

// Trigger and judgment nodes configured through their inspector forms, checked in the exported
// document and on the node, with a validation message for a bad value in each.
test.use({ viewport: { width: 1440, height: 1000 } });

test('targeted audience (定向营销): custom audience rules on a weekly run, then a saved segment once', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'trigger.segment');
  const ins = inspector(page);
  // The default audience (no order in 90 days, Mondays 10:00) shows as fields, not JSON.
  const rule0 = ins.getByTestId('inspector-rule-0');
  await expect(rule0.getByTestId('inspector-event')).toHaveValue('order_paid');
  await expect(rule0.getByTestId('inspector-rule-not')).toBeChecked();
  await expect(rule0.getByTestId('inspector-within-value')).toHaveValue('90');
  await expect(rule0.getByTestId('inspector-within-unit')).toHaveValue('days');
  await expect(ins.getByTestId('inspector-frequency')).toHaveValue('weekly');
  await expect(ins.getByTestId('inspector-weekday')).toHaveValue('mon');
  // The event picker offers the standard events.
  await expect(rule0.locator('datalist option[value="checkout_started"]')).toHaveCount(1);

  await ins.getByTestId('inspector-add-rule').click();
  const rule1 = ins.getByTestId('inspector-rule-1');
  await rule1.getByTestId('inspector-rule-kind').selectOption('tag');
  await rule1.getByTestId('inspector-tag').fill('vip');
  await ins.getByTestId('inspector-weekday').selectOption('fri');
  await ins.getByTestId('inspector-run-time').fill('09:30');
  await ins.getByTestId('inspector-tz').fill('Asia/Hong_Kong');
  await expect(page.getByTestId('node-segment1')).toContainText('#vip · Every 30 9 * * 5 (Asia/Hong_Kong)');
  expect(await exportedConfig(page, 'segment1')).toEqual({
    condition: { all: [{ not: { event: 'order_paid', within: 'P90D' } }, { tag: 'vip' }] },
    schedule: { cron: '30 9 * * 5', tz: 'Asia/Hong_Kong' },
  });

  await ins.getByTestId('inspector-tz').fill('Mars/Olympus');
  await expect(fieldError(ins, 'inspector-tz')).toContainText('Unknown time zone');
  await expect(page.getByTestId('node-error-segment1')).toContainText('Unknown time zone');
  await ins.getByTestId('inspector-run-time').fill('9:3');
  await expect(fieldError(ins, 'inspector-run-time')).toHaveText('Use a time like 09:30 (00:00–23:59)');

  await ins.getByTestId('inspector-run-mode').selectOption('once');
  await expect(fieldError(ins, 'inspector-once')).toHaveText('Pick a date and time');
  await ins.getByTestId('inspector-once').fill('2027-02-06T10:00');
  await ins.getByTestId('inspector-audience').selectOption('segment');
  await expect(fieldError(ins, 'inspector-segment')).toHaveText('Required');
  await ins.getByTestId('inspector-segment').fill('dormant_90d');
  await expect(ins.getByTestId('field-error')).toHaveCount(0);
  expect(await exportedConfig(page, 'segment1')).toEqual({ segment: 'dormant_90d', schedule: { once: '2027-02-06T10:00:00+08:00' } });
});

test('anniversary (纪念日营销): join date, days after, local time and an audience filter', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'trigger.date');
  const ins = inspector(page);
  await expect(ins.getByTestId('inspector-date-attr')).toHaveValue('birthday');
  await expect(ins.getByTestId('inspector-offset-days')).toHaveValue('3');
  await expect(ins.getByTestId('inspector-offset-direction')).toHaveValue('before');

  await ins.getByTestId('inspector-date-attr').fill('joinDate');
  await ins.getByTestId('inspector-offset-direction').selectOption('after');
  await ins.getByTestId('inspector-offset-days').fill('7');
  await ins.getByTestId('inspector-time').fill('10:30');
  await ins.getByTestId('inspector-add-rule').click();
  const rule = ins.getByTestId('inspector-rule-0');
  await rule.getByTestId('inspector-rule-kind').selectOption('attr');
  await expect(fieldError(rule, 'inspector-attr')).toHaveText('Required');
  await rule.getByTestId('inspector-attr').fill('tier');
  await rule.getByTestId('inspector-op').selectOption('in');
  await rule.getByTestId('inspector-value').fill('gold,platinum');
  await expect(page.getByTestId('node-date1')).toContainText('joinDate +7d at 10:30');
  expect(await exportedConfig(page, 'date1')).toEqual({
    attr: 'joinDate',
    offsetDays: 7,
    at: '10:30',
    condition: { attr: 'tier', op: 'in', value: ['gold', 'platinum'] },
  });

  await ins.getByTestId('inspector-offset-days').fill('400');
  await expect(fieldError(ins, 'inspector-offset-days')).toHaveText('Use a whole number of days from 0 to 366');
  await expect(page.getByTestId('node-error-date1')).toContainText('366');
  await ins.getByTestId('inspector-offset-direction').selectOption('on');
  await expect(ins.getByTestId('inspector-offset-days')).toHaveCount(0);
  expect(await exportedConfig(page, 'date1')).toMatchObject({ offsetDays: 0 });
});

test('holiday / scheduled (节假日营销): one instant with its offset, then a monthly run, and a bad cron', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'trigger.schedule');
  const ins = inspector(page);
  await expect(ins.getByTestId('inspector-once')).toHaveValue('2027-02-06T10:00');
  await expect(ins.getByTestId('inspector-once-offset')).toHaveValue('+08:00');
  await ins.getByTestId('inspector-once').fill('2027-10-01T09:00');
  await ins.getByTestId('inspector-once-offset').selectOption('+09:00');
  await expect(page.getByTestId('node-schedule1')).toContainText('At 2027-10-01T09:00:00+09:00');

  await ins.getByTestId('inspector-run-mode').selectOption('recurring');
  await ins.getByTestId('inspector-frequency').selectOption('monthly');
  await ins.getByTestId('inspector-day-of-month').fill('15');
  await ins.getByTestId('inspector-run-time').fill('08:00');
  await ins.getByTestId('inspector-add-rule').click();
  await ins.getByTestId('inspector-rule-0').getByTestId('inspector-rule-kind').selectOption('tag');
  await ins.getByTestId('inspector-rule-0').getByTestId('inspector-tag').fill('vip');
  expect(await exportedConfig(page, 'schedule1')).toEqual({ cron: '0 8 15 * *', tz: 'Asia/Shanghai', condition: { tag: 'vip' } });

  await ins.getByTestId('inspector-day-of-month').fill('32');
  await expect(fieldError(ins, 'inspector-day-of-month')).toHaveText('Use a day from 1 to 31');
  await ins.getByTestId('inspector-frequency').selectOption('custom');
  await ins.getByTestId('inspector-cron').fill('every day');
  await expect(fieldError(ins, 'inspector-cron')).toContainText('Not a valid cron expression');
  await expect(page.getByTestId('node-error-schedule1')).toContainText('Not a valid cron expression');
  await ins.getByTestId('inspector-cron').fill('0 10 * * 1-5');
  await expect(ins.getByTestId('field-error')).toHaveCount(0);
  expect(await exportedConfig(page, 'schedule1')).toMatchObject({ cron: '0 10 * * 1-5' });
});

test('event check (事件判断 / 事件多分支): a counted event, then named branches with an else exit', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'branch.event');
  const ins = inspector(page);
  const rule0 = ins.getByTestId('inspector-rule-0');
  await expect(rule0.getByTestId('inspector-event')).toHaveValue('order_paid');
  await rule0.getByTestId('inspector-event').fill('coupon_redeemed');
  await rule0.getByTestId('inspector-rule-count-op').selectOption('gte');
  await rule0.getByTestId('inspector-rule-count-value').fill('2');
  await expect(page.getByTestId('node-event1')).toContainText('coupon_redeemed ≥ 2× in P30D?');

  await ins.getByTestId('inspector-branch-mode').selectOption('multi');
  const b0 = ins.getByTestId('inspector-branch-0');
  await expect(b0.getByTestId('inspector-branch-label')).toHaveValue('Branch 1');
  await b0.getByTestId('inspector-branch-label').fill('Loyal');
  await ins.getByTestId('inspector-add-branch').click();
  const b1 = ins.getByTestId('inspector-branch-1');
  await b1.getByTestId('inspector-branch-label').fill('Browsers');
  await b1.getByTestId('inspector-event').fill('product_view');
  await b1.getByTestId('inspector-within-value').fill('7');
  for (const handle of ['b0', 'b1', 'else']) await expect(page.getByTestId(`handle-event1-${handle}`)).toBeAttached();
  await expect(page.getByTestId('node-event1').locator('.jn-out-label')).toHaveText(['Loyal', 'Browsers', 'else']);
  expect(await exportedConfig(page, 'event1')).toEqual({
    branches: [
      { label: 'Loyal', condition: { event: 'coupon_redeemed', within: 'P30D', count: { op: 'gte', value: 2 } } },
      { label: 'Browsers', condition: { event: 'product_view', within: 'P7D' } },
    ],
  });

  await b1.getByTestId('inspector-event').fill('');
  await expect(fieldError(b1, 'inspector-event')).toHaveText('Required');
  await expect(page.getByTestId('node-error-event1')).toContainText('Event is required');
  await b1.getByTestId('inspector-event').fill('product_view');
  await b1.getByTestId('inspector-branch-label').fill('');
  await expect(fieldError(b1, 'inspector-branch-label')).toHaveText('Required');
});

test('segment check (群组判断): segments and tags only, negated, matched by any', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'branch.segment');
  const ins = inspector(page);
  const rule0 = ins.getByTestId('inspector-rule-0');
  await expect(rule0.getByTestId('inspector-rule-kind')).toHaveValue('tag');
  await expect(rule0.getByTestId('inspector-rule-kind').locator('option')).toHaveText(['Segment', 'Tag']);
  await rule0.getByTestId('inspector-rule-kind').selectOption('segment');
  await rule0.getByTestId('inspector-segment').fill('high_value');
  await rule0.getByTestId('inspector-rule-not').check();
  await ins.getByTestId('inspector-add-rule').click();
  const rule1 = ins.getByTestId('inspector-rule-1');
  await rule1.getByTestId('inspector-rule-kind').selectOption('tag');
  await expect(fieldError(rule1, 'inspector-tag')).toHaveText('Required');
  await rule1.getByTestId('inspector-tag').fill('kol');
  await ins.getByTestId('inspector-rule-match').selectOption('any');
  await expect(page.getByTestId('node-segment1')).toContainText('not (segment high_value) | #kol?');
  expect(await exportedConfig(page, 'segment1')).toEqual({ condition: { any: [{ not: { segment: 'high_value' } }, { tag: 'kol' }] } });

  // Removing the first rule leaves the second as the whole condition.
  await rule0.getByTestId('inspector-rule-remove').click();
  await expect(ins.getByTestId('inspector-rule-0').getByTestId('inspector-tag')).toHaveValue('kol');
  expect(await exportedConfig(page, 'segment1')).toEqual({ condition: { tag: 'kol' } });
});

test('attribute multi-branch (属性多分支): add, edit and remove branches, then back to yes / no', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'branch.attribute');
  const ins = inspector(page);
  await ins.getByTestId('inspector-branch-mode').selectOption('multi');
  await ins.getByTestId('inspector-branch-0').getByTestId('inspector-branch-label').fill('Gold');
  await ins.getByTestId('inspector-add-branch').click();
  await ins.getByTestId('inspector-add-branch').click();
  const b1 = ins.getByTestId('inspector-branch-1');
  await b1.getByTestId('inspector-branch-label').fill('Throwaway');
  const b2 = ins.getByTestId('inspector-branch-2');
  await b2.getByTestId('inspector-branch-label').fill('Silver or bronze');
  await b2.getByTestId('inspector-op').selectOption('in');
  await b2.getByTestId('inspector-value').fill('silver, bronze');
  await b1.getByTestId('inspector-remove-branch').click();
  // The remaining branch keeps its own fields after the one before it is removed.
  await expect(ins.getByTestId('inspector-branch-1').getByTestId('inspector-branch-label')).toHaveValue('Silver or bronze');
  await expect(ins.getByTestId('inspector-branch-2')).toHaveCount(0);
  await expect(page.getByTestId('node-branch1').locator('.jn-out-label')).toHaveText(['Gold', 'Silver or bronze', 'else']);
  expect(await exportedConfig(page, 'branch1')).toEqual({
    branches: [
      { label: 'Gold', condition: { attr: 'tier', op: 'eq', value: 'gold' } },
      { label: 'Silver or bronze', condition: { attr: 'tier', op: 'in', value: ['silver', 'bronze'] } },
    ],
  });

  await ins.getByTestId('inspector-branch-1').getByTestId('inspector-attr').fill('');
  await expect(fieldError(ins.getByTestId('inspector-branch-1'), 'inspector-attr')).toHaveText('Required');
  await ins.getByTestId('inspector-branch-1').getByTestId('inspector-attr').fill('points');
  await ins.getByTestId('inspector-branch-1').getByTestId('inspector-op').selectOption('gt');
  await ins.getByTestId('inspector-branch-1').getByTestId('inspector-value').fill('500');
  expect(await exportedConfig(page, 'branch1')).toMatchObject({ branches: [{}, { condition: { attr: 'points', op: 'gt', value: 500 } }] });

  await ins.getByTestId('inspector-branch-mode').selectOption('single');
  await expect(page.getByTestId('node-branch1').locator('.jn-out-label')).toHaveText(['yes', 'no']);
  expect(await exportedConfig(page, 'branch1')).toEqual({ condition: { attr: 'tier', op: 'eq', value: 'gold' } });
});
