import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { cartAbandonmentJourney } from '../src/journey/examples';

// Funnel semantics an analyst can defend (issue #17): members of a step who did not go on are converted, still
// waiting, or left without converting; only the last is drop-off. Numbers are checked against the e2e database.
test.use({ viewport: { width: 1400, height: 1600 } });

function openDb() {
  return new Database(path.resolve('.test-results/e2e.db'), { readonly: true, fileMustExist: true });
}

/**
 * Visits of `previous` (step-log passes, and members at it now) that did not take an edge to `next`, by outcome:
 * converted = the member reached the goal; waiting = still in the journey; left = finished or exited without it.
 */
function outcomesFromDb(db: Database.Database, previous: string, next: string) {
  const handles = cartAbandonmentJourney.edges.filter((e) => e.source === previous && e.target === next).map((e) => e.sourceHandle ?? 'out');
  return db
    .prepare(
      `select coalesce(sum(n.goal_at is not null), 0) converted,
              coalesce(sum(n.goal_at is null and n.status in ('active', 'waiting')), 0) waiting,
              coalesce(sum(n.goal_at is null and n.status in ('completed', 'exited')), 0) left_
         from (select enrolment_id e, handle from step_log where journey_id = 'cart-abandonment' and node_id = @previous and kind = 'pass'
               union all select id, null from enrolments where journey_id = 'cart-abandonment' and node_id = @previous and status in ('active', 'waiting')) v
         join enrolments n on n.id = v.e
        where v.handle is null or v.handle not in (select value from json_each(@handles))`,
    )
    .get({ previous, handles: JSON.stringify(handles) }) as { converted: number; waiting: number; left_: number };
}

const number = (page: Page, row: ReturnType<Page['getByTestId']>, id: string) =>
  row
    .getByTestId(id)
    .textContent()
    .then((t) => Number((t ?? '').replace(/\D/g, '')));

test('cart abandonment: members who paid show as converted, not as drop-off (drop-off = left without converting only)', async ({ page }) => {
  await page.goto('/journeys/cart-abandonment/report');
  const rows = page.getByTestId('funnel-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(2);
  const db = openDb();
  try {
    let convertedSomewhere = 0;
    for (let i = 1; i < count; i++) {
      const row = rows.nth(i);
      const [previous, next] = [await rows.nth(i - 1).getAttribute('data-node'), await row.getAttribute('data-node')];
      const want = outcomesFromDb(db, previous!, next!);
      const shown = {
        converted: await number(page, row, 'funnel-converted'),
        waiting: await number(page, row, 'funnel-waiting'),
        left_: await number(page, row, 'funnel-drop-off'),
      };
      expect(shown, `${previous} → ${next}`).toEqual(want);
      convertedSomewhere += want.converted;
    }
    // The demo history has buyers who paid within the hour: they are on the page as converted.
    const paidAtOnce = db
      .prepare(`select count(*) n from step_log where journey_id = 'cart-abandonment' and node_id = 'wait_1h' and kind = 'pass' and handle = 'event'`)
      .pluck()
      .get() as number;
    expect(paidAtOnce).toBeGreaterThan(0);
    expect(convertedSomewhere).toBeGreaterThanOrEqual(paidAtOnce);
  } finally {
    db.close();
  }

  // The definitions are on the page, in both languages.
  await expect(page.getByTestId('funnel-definition-dropOff')).toContainText('only drop-off');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('funnel-definition-dropOff')).toContainText('唯一的“流失”');
  await expect(page.getByTestId('funnel')).toContainText('已转化');
  await page.getByTestId('lang-switch').click();
});

test('canvas overlay: edges coloured by what they mean (paid = goal, ending unpaid = drop), shares agree with node reach', async ({ page }) => {
  await page.goto('/journeys/cart-abandonment');
  await page.getByTestId('toggle-analytics').click();
  const edge = (source: string, handle: string) => page.getByTestId(`edge-stat-${source}-${handle}`);
  await expect(edge('wait_1h', 'event')).toHaveAttribute('data-meaning', 'goal');
  await expect(edge('wait_24h', 'event')).toHaveAttribute('data-meaning', 'goal');
  await expect(edge('ab', 'control')).toHaveAttribute('data-meaning', 'drop');
  await expect(edge('wait_1h', 'timeout')).toHaveAttribute('data-meaning', 'onward');
  // A goal-ward edge is green and a drop red whatever their share (a small "paid" exit is not bad news).
  const color = (source: string, handle: string) => edge(source, handle).evaluate((el) => getComputedStyle(el).color);
  expect(await color('wait_1h', 'event')).not.toEqual(await color('ab', 'control'));
  // One denominator and one rounding: an edge and the node it alone leads to show the same share.
  for (const [source, handle, target] of [
    ['wait_1h', 'timeout', 'push'],
    ['wait_24h', 'timeout', 'ab'],
    ['ab', 'control', 'end_control'],
  ]) {
    await expect(edge(source, handle)).not.toHaveAttribute('data-share', '');
    const share = await edge(source, handle).getAttribute('data-share');
    await expect(page.getByTestId(`reach-${target}`)).toHaveText(`${share}%`);
  }
});
