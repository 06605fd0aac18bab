import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { welcomeJourney } from '../src/journey/examples';

// Dates are picked in the viewer's time zone: pin it, so "a day" is a Shanghai day whatever the machine's zone.
test.use({ viewport: { width: 1400, height: 1600 }, timezoneId: 'Asia/Shanghai' });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shanghaiDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const shanghaiMidnight = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/**
 * A week of the demo history that ended more than a week ago: welcome's waits
 * last 3 days, so nothing in it still moves while the test runs.
 */
function pastWeek() {
  const from = shanghaiDay(Date.now() - 14 * DAY);
  const to = shanghaiDay(Date.now() - 8 * DAY);
  return { from, to, fromMs: shanghaiMidnight(from), toMs: shanghaiMidnight(to) + DAY };
}

/** The app's e2e database, read directly: expected numbers come from the step log and enrolments, not from the API. */
function openDb() {
  return new Database(path.resolve('.test-results/e2e.db'), { readonly: true, fileMustExist: true });
}
type Db = ReturnType<typeof openDb>;
const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const entered = (db: Db, nodeId: string, fromMs: number, toMs: number) =>
  // One step-log row per node pass (`at` = entered); members still at the node are on their enrolment.
  count(
    db,
    `select (select count(*) from step_log where journey_id = 'welcome' and node_id = @node and kind = 'pass' and at >= @from and at < @to)
          + (select count(*) from enrolments where journey_id = 'welcome' and node_id = @node and status = 'waiting' and node_entered_at >= @from and node_entered_at < @to) n`,
    { node: nodeId, from: fromMs, to: toMs },
  );
const enrolledIn = (db: Db, fromMs: number, toMs: number) =>
  count(db, `select count(*) n from enrolments where journey_id = 'welcome' and entered_at >= ? and entered_at < ?`, fromMs, toMs);

/** Entries that went through `steps` in order inside the window: each enrolment's entries walked in log order. */
function pathFromLog(db: Db, steps: string[], fromMs = -Infinity, toMs = Infinity): number[] {
  const rows = db
    .prepare(
      `select e, node, at from (select enrolment_id e, node_id node, at, id o from step_log where journey_id = 'welcome' and kind = 'pass'
         union all select id, node_id, node_entered_at, 9e15 from enrolments where journey_id = 'welcome' and status in ('active', 'waiting'))
       order by e, o`,
    )
    .all() as { e: number; node: string; at: number }[];
  const reached = new Map<number, number>();
  for (const r of rows) {
    if (r.at < fromMs || r.at >= toMs) continue;
    const k = reached.get(r.e) ?? 0;
    if (k < steps.length && steps[k] === r.node) reached.set(r.e, k + 1);
  }
  return steps.map((_, k) => [...reached.values()].filter((n) => n > k).length);
}

async function setRange(page: Page, from: string, to: string) {
  await page.getByTestId('range-from').fill(from);
  await page.getByTestId('range-to').fill(to);
}

const percent = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

test('report: a date range filters totals and the funnel to what the database holds for it; a reversed range is refused', async ({ page }) => {
  const db = openDb();
  const week = pastWeek();
  const enrolledAll = count(db, `select count(*) n from enrolments where journey_id = 'welcome'`);
  const enrolledWeek = enrolledIn(db, week.fromMs, week.toMs);
  expect(enrolledWeek).toBeGreaterThan(0);
  expect(enrolledWeek).toBeLessThan(enrolledAll);

  await page.goto('/journeys/welcome/report');
  await expect(page.getByTestId('range-summary')).toContainText('all time');
  await setRange(page, week.from, week.to);
  await expect(page).toHaveURL(new RegExp(`from=${week.from}&to=${week.to}`));
  // The window counted is the two Shanghai midnights, to the millisecond.
  await expect(page.getByTestId('range-summary')).toHaveAttribute('data-from', String(week.fromMs));
  await expect(page.getByTestId('range-summary')).toHaveAttribute('data-to', String(week.toMs));

  await expect(page.getByTestId('report-total-enrolled')).toHaveText(new Intl.NumberFormat('en').format(enrolledWeek));
  const reached = count(db, `select count(*) n from enrolments where journey_id = 'welcome' and entered_at >= ? and entered_at < ? and goal_at is not null`, week.fromMs, week.toMs);
  await expect(page.getByTestId('report-total-reached')).toHaveText(new Intl.NumberFormat('en').format(reached));

  // Main-path funnel: each step's entries are the step log's entries at that node inside the week.
  const rows = page.getByTestId('funnel-row');
  await expect(page.getByTestId('funnel')).toHaveAttribute('data-path-kind', 'main');
  await expect(rows.first()).toHaveAttribute('data-entered', String(entered(db, 'trigger', week.fromMs, week.toMs)));
  const nodes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-node')!));
  expect(nodes[0]).toBe('trigger');
  for (const [i, nodeId] of nodes.entries()) {
    const n = entered(db, nodeId, week.fromMs, week.toMs);
    await expect(rows.nth(i)).toHaveAttribute('data-entered', String(n));
    await expect(rows.nth(i).getByTestId('funnel-entered')).toHaveText(new Intl.NumberFormat('en').format(n));
  }

  // Crowds follow the range: members who entered the wait inside the week and then reached the goal.
  const reachedCrowd = (fromMs: number, toMs: number) =>
    count(
      db,
      `select count(distinct e.member_id) n from enrolments e where e.journey_id = 'welcome' and e.goal_at is not null
         and (exists (select 1 from step_log s where s.enrolment_id = e.id and s.node_id = 'wait_order' and s.kind = 'pass' and s.at >= @from and s.at < @to)
           or (e.status = 'waiting' and e.node_id = 'wait_order' and e.node_entered_at >= @from and e.node_entered_at < @to))`,
      { from: fromMs, to: toMs },
    );
  expect(reachedCrowd(week.fromMs, week.toMs)).toBeLessThan(reachedCrowd(0, Date.now() + DAY));
  await page.getByTestId('crowd-node').selectOption('wait_order');
  await page.getByTestId('crowd-kind').selectOption('reached');
  await expect(page.getByTestId('crowd-total')).toHaveAttribute('data-total', String(reachedCrowd(week.fromMs, week.toMs)));
  await expect(page.getByTestId('crowd-export')).toHaveAttribute('href', new RegExp(`from=${week.fromMs}&to=${week.toMs}`));

  // "From" after "To": a clear message, and the API answers 400 naming the field.
  await setRange(page, week.to, week.from);
  await expect(page.getByTestId('range-error')).toHaveText(/“From” is after “To”/);
  await expect(page.getByTestId('range-summary')).toHaveCount(0);
  const bad = await page.request.get(`/api/trpc/analytics.report?input=${encodeURIComponent(JSON.stringify({ journeyId: 'welcome', from: week.toMs, to: week.fromMs }))}`);
  expect(bad.status()).toBe(400);
  const body = (await bad.json()) as { error: { data: { fieldErrors: { path: string; message: string }[] } } };
  expect(body.error.data.fieldErrors).toEqual([{ path: 'to', message: 'must not be before "from"' }]);

  // Presets: last 7 days fills both days (today and six days back); all time clears them.
  await page.getByTestId('range-preset-7d').click();
  const today = shanghaiDay(Date.now());
  await expect(page.getByTestId('range-to')).toHaveValue(today);
  await expect(page.getByTestId('range-from')).toHaveValue(shanghaiDay(shanghaiMidnight(today) - 6 * DAY));
  await expect(page.getByTestId('range-preset-7d')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('range-summary')).toHaveAttribute('data-from', String(shanghaiMidnight(today) - 6 * DAY));
  await page.getByTestId('range-preset-all').click();
  await expect(page).not.toHaveURL(/from=/);
  await expect.poll(async () => Number((await page.getByTestId('report-total-enrolled').textContent())!.replace(/\D/g, ''))).toBe(count(db, `select count(*) n from enrolments where journey_id = 'welcome'`));
  db.close();
});

test('canvas overlay: node and edge counts for a date range match the step log; "waiting now" stays current', async ({ page }) => {
  const db = openDb();
  const week = pastWeek();
  await page.goto('/journeys/welcome');
  await page.getByTestId('toggle-analytics').click();
  await expect(page.getByTestId('stat-trigger-entered')).toHaveText(/\d+/);
  await setRange(page, week.from, week.to);
  await expect(page.getByTestId('range-summary')).toHaveAttribute('data-to', String(week.toMs));

  for (const node of welcomeJourney.nodes) {
    await expect(page.getByTestId(`stat-${node.id}-entered`)).toHaveText(String(entered(db, node.id, week.fromMs, week.toMs)));
  }
  await expect(page.getByTestId('stat-total-enrolled')).toHaveText(String(enrolledIn(db, week.fromMs, week.toMs)));
  const timeouts = count(
    db,
    `select count(*) n from step_log where journey_id = 'welcome' and node_id = 'wait_order' and kind = 'pass' and handle = 'timeout' and left_at >= ? and left_at < ?`,
    week.fromMs,
    week.toMs,
  );
  expect(timeouts).toBeGreaterThan(0);
  await expect(page.getByTestId('edge-stat-wait_order-timeout')).toContainText(new RegExp(`^${timeouts} ·`));

  // Waiting members are counted now, not in the past week (re-read: the runtime may move someone meanwhile).
  const waitingNow = () => count(db, `select count(*) n from enrolments where journey_id = 'welcome' and node_id = 'wait_order' and status = 'waiting'`);
  await expect.poll(async () => Number(await page.getByTestId('stat-wait_order-waiting').textContent()) - waitingNow()).toBe(0);
  await expect(page.getByTestId('stat-total-waitingNow')).toBeVisible();
  expect(waitingNow()).toBeGreaterThan(0);

  await setRange(page, week.to, week.from);
  await expect(page.getByTestId('range-error')).toBeVisible();
  db.close();
});

test('report: a custom funnel path, chosen step by step, counts entries in order as the step log does (drop-off now only those who left without converting) and survives a reload', async ({ page }) => {
  const db = openDb();
  const week = pastWeek();
  await page.goto(`/journeys/welcome/report?from=${week.from}&to=${week.to}`);
  await expect(page.getByTestId('path-kind')).toHaveText('Showing the main path');
  await expect(page.getByTestId('path-step-0')).toHaveValue('trigger');

  // Step 2 is offered only nodes downstream of the trigger; picking wait_order drops the steps that no longer follow it.
  const step1Options = await page.getByTestId('path-step-1').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(step1Options).not.toContain('trigger');
  expect(step1Options).toContain('done');
  await page.getByTestId('path-step-1').selectOption('wait_order');
  await expect(page.getByTestId('path-step-2')).toHaveCount(0);
  await page.getByTestId('path-add').selectOption('done');
  await page.getByTestId('path-apply').click();

  const steps = ['trigger', 'wait_order', 'done'];
  await expect(page).toHaveURL(/path=trigger%2Cwait_order%2Cdone/);
  await expect(page.getByTestId('funnel')).toHaveAttribute('data-path-kind', 'custom');
  await expect(page.getByTestId('funnel')).toContainText('Funnel along your path');
  const expected = pathFromLog(db, steps, week.fromMs, week.toMs);
  expect(expected[2]).toBeGreaterThan(0);
  expect(expected[2]).toBeLessThan(expected[1]);

  const checkRows = async (counts: number[]) => {
    const rows = page.getByTestId('funnel-row');
    await expect(rows).toHaveCount(steps.length);
    for (const [i, nodeId] of steps.entries()) {
      await expect(rows.nth(i)).toHaveAttribute('data-node', nodeId);
      await expect(rows.nth(i)).toHaveAttribute('data-entered', String(counts[i]));
    }
    await expect(rows.nth(2).getByTestId('funnel-from-previous')).toHaveText(percent.format(counts[2] / counts[1]));
    // Who did not continue is split (converted, still waiting, left without converting): the three add up to the gap.
    const cell = async (id: string) => Number(((await rows.nth(2).getByTestId(id).textContent()) ?? '').replace(/\D/g, ''));
    await expect
      .poll(async () => (await cell('funnel-converted')) + (await cell('funnel-waiting')) + (await cell('funnel-drop-off')))
      .toBe(counts[1] - counts[2]);
  };
  await checkRows(expected);

  // The link carries path and dates: a fresh load shows the same funnel.
  await page.goto(page.url());
  await expect(page.getByTestId('path-kind')).toHaveText('Showing your path');
  await checkRows(expected);

  // In Chinese, the custom funnel keeps its numbers and changes its words.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('funnel')).toContainText('自定义路径漏斗');
  await expect(page.getByTestId('range-summary')).toContainText('统计时段');
  await page.getByTestId('lang-switch').click();

  // Without dates the path counts the whole log (reloaded until page and database agree: the runtime keeps moving members).
  await page.getByTestId('range-preset-all').click();
  await expect(page).not.toHaveURL(/from=/);
  await expect(async () => {
    await page.reload();
    await checkRows(pathFromLog(db, steps));
  }).toPass({ timeout: 20_000 });

  await page.getByTestId('path-reset').click();
  await expect(page).not.toHaveURL(/path=/);
  await expect(page.getByTestId('funnel')).toHaveAttribute('data-path-kind', 'main');
  db.close();
});
