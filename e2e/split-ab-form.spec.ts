import { expect, test } from '@playwright/test';
import { drop, exportedConfig, fieldError, inspector, newJourney } from './inspector-helpers';

// The A/B split's form: live shares, field-level messages from the node's own schema, and the
// "winner declared" state that "declare winner" leaves on the node, which the marketer can undo.
test.use({ viewport: { width: 1440, height: 1000 } });

test('A/B split (A/B Test分流): shares, a control group, messages on the field at fault, a declared winner resumed', async ({ page }) => {
  await newJourney(page);
  await drop(page, 'split.ab');
  const ins = inspector(page);
  await expect(ins.getByTestId('inspector-variant-share')).toHaveText(['50%', '50%']);
  await expect(ins.getByTestId('inspector-remove-variant-0')).toBeDisabled();
  await ins.getByTestId('inspector-add-variant').click();
  await expect(ins.getByTestId('inspector-variant-key-2')).toHaveValue('C');
  await ins.getByTestId('inspector-variant-weight-2').fill('100');
  await ins.getByTestId('inspector-variant-control-2').check();
  await expect(ins.getByTestId('inspector-variant-share')).toHaveText(['25%', '25%', '50%']);
  await expect(page.getByTestId('node-ab1')).toContainText('A 25% / B 25% / C 50%');
  await expect(page.getByTestId('handle-ab1-C')).toBeAttached();

  // Each problem shows on its own field, and on the node.
  await ins.getByTestId('inspector-variant-key-2').fill('A');
  await expect(ins.getByTestId('inspector-variant-2').getByTestId('field-error')).toHaveText('Duplicate variant key "A"');
  await expect(page.getByTestId('node-error-ab1')).toHaveText('Duplicate variant key "A"');
  await ins.getByTestId('inspector-variant-key-2').fill('coupon');
  await ins.getByTestId('inspector-variant-weight-0').fill('');
  await expect(ins.getByTestId('inspector-variant-0').getByTestId('field-error')).toHaveText('Weights must be numbers greater than 0');
  await ins.getByTestId('inspector-variant-weight-0').fill('25');
  await ins.getByTestId('inspector-experiment').fill('');
  await expect(fieldError(ins, 'inspector-experiment')).toHaveText('Name the experiment');
  await ins.getByTestId('inspector-experiment').fill('cart_coupon');
  await expect(ins.getByTestId('field-error')).toHaveCount(0);

  // Removing the first variant keeps what was typed in the others.
  await ins.getByTestId('inspector-remove-variant-0').click();
  await expect(ins.getByTestId('inspector-variant-key-1')).toHaveValue('coupon');
  expect(await exportedConfig(page, 'ab1')).toEqual({ experiment: 'cart_coupon', variants: [{ key: 'B', weight: 50 }, { key: 'coupon', weight: 100, control: true }] });

  // "Declare winner" writes `winner`: the form says so, and resuming the test removes it.
  await ins.getByTestId('inspector-advanced').locator('summary').click();
  const json = ins.getByTestId('inspector-config-json');
  await json.fill(JSON.stringify({ experiment: 'cart_coupon', variants: [{ key: 'B', weight: 50 }, { key: 'coupon', weight: 100, control: true }], winner: 'B' }));
  await expect(ins.getByTestId('inspector-winner')).toContainText('every new entrant takes variant B');
  await expect(page.getByTestId('node-ab1')).toContainText('Winner: B');
  await ins.getByTestId('inspector-resume-test').click();
  await expect(ins.getByTestId('inspector-winner')).toHaveCount(0);
  await expect(page.getByTestId('node-ab1')).toContainText('B 33% / coupon 67%');

  await page.getByTestId('lang-switch').click();
  await ins.getByTestId('inspector-experiment').fill('');
  await expect(fieldError(ins, 'inspector-experiment')).toHaveText('请为实验命名');
});
