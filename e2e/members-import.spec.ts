import { expect, test } from '@playwright/test';

// The members page: importing a CSV through the browser (column mapping, preview, chunked upload with a progress bar,
// summary and row errors by line), then finding an imported member by phone digits and opening their page.
test.use({ viewport: { width: 1400, height: 1200 } });

const ROWS = 3_000;
/** 0-based data rows that are bad; their file lines are index + 2 (the header is line 1). */
const BAD_BIRTHDAY = 999;
const BAD_EMAIL = 2_499;

function importFile(run: string, prefix: string): Buffer {
  const lines = ['id,name,phone,email,birthday,tier,city,tags,SMS opt-in,Favourite colour'];
  for (let i = 0; i < ROWS; i++) {
    const birthday = i === BAD_BIRTHDAY ? '1990-13-45' : `19${80 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`;
    const email = i === BAD_EMAIL ? 'nope' : `imp${i}.${run}@example.com`;
    const tier = ['bronze', 'silver', 'gold'][i % 3];
    lines.push([`imp-${run}-${i}`, `Import Person ${i}`, phoneOf(prefix, i), email, birthday, tier, i % 2 ? '上海' : '北京', i % 5 ? 'imported' : 'imported|vip', i % 4 ? 'yes' : 'no', 'teal'].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** 11 digits starting "16" (the demo members never do), unique per run. */
function phoneOf(prefix: string, i: number): string {
  return `16${prefix}${String(i).padStart(6, '0')}`;
}

test('import 3,000 members from a CSV: map, progress, summary with the two bad lines, then search by phone and open the member', async ({ page }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const prefix = String(Date.now() % 1000).padStart(3, '0');
  await page.goto('/members');
  await page.getByTestId('member-import-link').click();
  await expect(page).toHaveURL(/\/members\/import$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import members');

  await page.getByTestId('import-file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: importFile(run, prefix) });
  await expect(page.getByTestId('import-detected')).toContainText('3,000 rows, 10 columns in members.csv');

  // Known columns map to themselves; the others start ignored and are mapped by hand.
  const mapOf = (column: string) => page.locator(`[data-testid="import-column"][data-column="${column}"]`).getByTestId('import-map');
  await expect(mapOf('phone')).toHaveValue('phone');
  await expect(mapOf('birthday')).toHaveValue('birthday');
  await expect(mapOf('SMS opt-in')).toHaveValue('');
  await mapOf('SMS opt-in').selectOption('consent.sms');
  await mapOf('Favourite colour').selectOption('attributes.Favourite_colour');

  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-preview-row')).toHaveCount(5);
  await expect(preview.locator('thead')).toContainText('consent.sms');
  await expect(preview.getByTestId('import-preview-row').first()).toContainText(`imp-${run}-0`);

  await page.getByTestId('import-start').click();
  const progress = page.getByTestId('import-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('max', String(ROWS));
  await expect(page.getByTestId('import-done')).toHaveText('Import finished', { timeout: 60_000 });
  await expect(progress).toHaveAttribute('value', String(ROWS));
  await expect(page.getByTestId('import-progress-text')).toHaveText('3,000 of 3,000 rows sent');
  await expect(page.getByTestId('import-created')).toHaveAttribute('data-value', String(ROWS - 2));
  await expect(page.getByTestId('import-updated')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('import-rejected')).toHaveAttribute('data-value', '2');

  const errors = page.getByTestId('import-error-row');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveAttribute('data-line', String(BAD_BIRTHDAY + 2));
  await expect(errors.nth(0)).toHaveAttribute('data-field', 'birthday');
  await expect(errors.nth(0)).toContainText(String(BAD_BIRTHDAY + 2));
  await expect(errors.nth(1)).toHaveAttribute('data-line', String(BAD_EMAIL + 2));
  await expect(errors.nth(1)).toHaveAttribute('data-field', 'email');

  // Back on the members page: phone digits typed with spaces find the member; the phone stays masked.
  await page.getByRole('link', { name: '← Members' }).click();
  await expect(page).toHaveURL(/\/members$/);
  const i = 1234;
  const phone = phoneOf(prefix, i);
  await page.getByTestId('member-search').fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
  const rows = page.getByTestId('member-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-member', `imp-${run}-${i}`);
  await expect(rows.first().getByTestId('member-phone')).toHaveText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await expect(page.getByTestId('member-table')).not.toContainText(phone);

  await rows.first().getByTestId('member-link').click();
  await expect(page).toHaveURL(new RegExp(`/members/imp-${run}-${i}$`));
  await expect(page.getByTestId('member-heading')).toContainText(`Import Person ${i}`);
  const profile = page.getByTestId('member-profile');
  await expect(profile.getByTestId('profile-phone')).toContainText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await expect(profile.getByTestId('profile-email')).toContainText('i***@example.com');
  await expect(profile.getByTestId('profile-birthday')).toContainText(/\*\*\*\*-\d\d-\d\d/);
  await expect(profile.getByTestId('profile-tier')).toContainText(['bronze', 'silver', 'gold'][i % 3]);
  await expect(profile.getByTestId('profile-attributes')).toContainText('teal');
  await expect(page.getByTestId('member-consent').locator('[data-channel="sms"]')).toHaveAttribute('data-allowed', String(i % 4 !== 0));
  await expect(page.getByTestId('member-tags')).toContainText('imported');
  await expect(page.getByTestId('member-page')).not.toContainText(phone);
});

test('a dry run checks the file and stores nothing', async ({ page }) => {
  const run = `dry${Date.now().toString(36)}`;
  await page.goto('/members/import');
  const csv = `id,name,email\n${run}-1,Dry One,dry1@example.com\n${run}-2,Dry Two,nope\n`;
  await page.getByTestId('import-file').setInputFiles({ name: 'dry.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-dry-run').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toHaveText('Check finished (nothing stored)');
  await expect(page.getByTestId('import-created')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('import-error-row')).toHaveAttribute('data-line', '3');
  await page.goto('/members');
  await page.getByTestId('member-search').fill(run);
  await expect(page.getByTestId('member-total')).toHaveAttribute('data-value', '0');
});

test('the import page speaks Chinese', async ({ page }) => {
  await page.goto('/members/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import members');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入会员');
  await page.getByTestId('import-file').setInputFiles({ name: 'zh.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\nzh-1,张三\n') });
  await expect(page.getByTestId('import-mapping')).toContainText('列映射');
  await expect(page.getByTestId('import-start')).toHaveText('导入');
  await expect(page.getByTestId('import-mapping')).toContainText('预览(前 1 行)');
  await page.getByTestId('lang-switch').click();
});
