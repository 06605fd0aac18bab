import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';

// A tall viewport: the report is one long page inside the scrolling main area.
test.use({ viewport: { width: 1400, height: 1600 } });

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

interface ReportData {
  totals: { enrolled: number; inFlight: number; goalReached: number; goalMissed: number };
  funnel: { nodeId: string; entered: number }[];
}

test('journey report: funnel matches the API, crowds are masked, exported and saved as a group', async ({ page }) => {
  await page.goto('/journeys/welcome/report');
  const rows = page.getByTestId('funnel-row');
  await expect(rows.first()).toBeVisible();

  // The funnel on screen is the one the API computes from the real database.
  const api = await trpcQuery<ReportData>(page.request, 'analytics.report', { journeyId: 'welcome' });
  expect(api.funnel.length).toBeGreaterThan(2);
  await expect(rows).toHaveCount(api.funnel.length);
  for (const [i, step] of api.funnel.entries()) {
    const row = rows.nth(i);
    await expect(row).toContainText(step.nodeId);
    await expect(row).toHaveAttribute('data-entered', String(step.entered));
    await expect(row.getByTestId('funnel-entered')).toHaveText(new Intl.NumberFormat('en').format(step.entered));
  }
  expect(api.funnel[0].entered).toBeGreaterThan(0);
  await expect(page.getByTestId('report-total-enrolled')).toHaveText(new Intl.NumberFormat('en').format(api.totals.enrolled));
  await expect(page.getByTestId('report-total-reached')).toHaveText(new Intl.NumberFormat('en').format(api.totals.goalReached));
  await expect(page.getByTestId('report-total-missed')).toHaveText(new Intl.NumberFormat('en').format(api.totals.goalMissed));
  const missed = Number((await page.getByTestId('report-total-missed').textContent())!.replace(/\D/g, ''));
  expect(missed + api.totals.goalReached).toBeLessThanOrEqual(api.totals.enrolled);
  await expect(page.getByTestId('waits')).toContainText('wait_order');

  // 达标人群 at wait_order: a masked, paginated table.
  await page.getByTestId('crowd-node').selectOption('wait_order');
  await page.getByTestId('crowd-kind').selectOption('reached');
  const crowdApi = await trpcQuery<{ total: number }>(page.request, 'analytics.crowd', {
    journeyId: 'welcome',
    nodeId: 'wait_order',
    kind: 'reached',
    limit: 1,
    offset: 0,
  });
  expect(crowdApi.total).toBeGreaterThan(0);
  await expect(page.getByTestId('crowd-total')).toHaveAttribute('data-total', String(crowdApi.total));
  const crowdRows = page.getByTestId('crowd-table').getByTestId('crowd-row');
  await expect(crowdRows).toHaveCount(Math.min(20, crowdApi.total));
  const phones = (await page.getByTestId('crowd-phone').allTextContents()).map((p) => p.trim()).filter((p) => p !== '—');
  expect(phones.length).toBeGreaterThan(0);
  for (const phone of phones) expect(phone).toMatch(MASKED_PHONE);

  // Export: the download is CSV with a header and one line per member of the crowd, masked like the table.
  const exportLink = page.getByTestId('crowd-export');
  await expect(exportLink).toHaveAttribute('href', /nodeId=wait_order/);
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  const file = await download.path();
  const csv = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(csv[0]).toContain('member_id');
  expect(csv[0]).toContain('phone');
  expect(csv.length - 1).toBe(crowdApi.total);
  const phoneColumn = csv[0].split(',').indexOf('phone');
  for (const line of csv.slice(1)) {
    const phone = line.split(',')[phoneColumn];
    if (phone) expect(phone).toMatch(MASKED_PHONE);
  }

  // Save as a group: the confirmation shows how many members went in.
  const groupId = `e2e_welcome_buyers_${Date.now()}`;
  await page.getByTestId('crowd-group-id').fill(groupId);
  await page.getByTestId('crowd-save').click();
  await expect(page.getByTestId('crowd-saved')).toContainText(String(crowdApi.total));
  await expect(page.getByTestId('crowd-saved')).toHaveAttribute('data-members', String(crowdApi.total));
});

test('experiments: the A/B split shows per-variant results, the verdict, and a declare button only for a safe winner', async ({ page }) => {
  for (const journeyId of ['cart-abandonment', 'dormant-winback']) {
    await page.goto(`/journeys/${journeyId}/report`);
    const section = page.getByTestId('experiment-ab');
    await expect(section).toBeVisible();
    const [experiment] = await trpcQuery<
      { nodeId: string; result: { verdict: { en: string }; variants: { key: string; assigned: number }[]; decision: { state: string; candidate: string | null } } }[]
    >(page.request, 'analytics.experiments', { journeyId });
    await expect(page.getByTestId('verdict-ab')).toHaveText(experiment.result.verdict.en);
    for (const v of experiment.result.variants) {
      await expect(page.getByTestId(`variant-ab-${v.key}`)).toBeVisible();
      await expect(page.getByTestId(`members-ab-${v.key}`)).toHaveText(new Intl.NumberFormat('en').format(v.assigned));
      // Only the candidate whose always-valid interval excludes 0 can be declared; otherwise a plain-words reason.
      await expect(page.getByTestId(`declare-ab-${v.key}`)).toHaveCount(v.key === experiment.result.decision.candidate ? 1 : 0);
    }
    if (!experiment.result.decision.candidate && experiment.result.decision.state !== 'declared') await expect(page.getByTestId('not-yet-ab')).toBeVisible();
    await expect(page.getByTestId('sample-ab')).toBeVisible();
  }
});

test('members: search, open a member path and see the timeline', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('nav-members').click();
  await expect(page).toHaveURL(/\/members$/);
  await page.getByTestId('member-search').fill('m0001');
  const row = page.getByTestId('member-row').filter({ hasText: 'm0001' }).first();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('member-row')).toHaveCount(1);
  const phone = (await row.locator('td').nth(2).textContent())?.trim() ?? '';
  expect(phone).toMatch(MASKED_PHONE);
  await row.getByTestId('member-link').click();
  await expect(page).toHaveURL(/\/members\/m0001$/);
  await expect(page.getByTestId('path-journey').first()).toBeVisible();
  expect(await page.getByTestId('path-step').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('path-step').first()).toHaveAttribute('data-kind', 'enter');
});

test('journey list links to the report; the report speaks Chinese', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('journey-row-welcome').getByTestId('journey-report-link').click();
  await expect(page).toHaveURL(/\/journeys\/welcome\/report$/);
  await expect(page.getByTestId('funnel-row').first()).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('crowds')).toContainText('各节点人群');
  await expect(page.getByTestId('journey-report')).toContainText('达标');
  await expect(page.getByTestId('journey-report')).toContainText('未达标');
  await page.getByTestId('lang-switch').click();
});
