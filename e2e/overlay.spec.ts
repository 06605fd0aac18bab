import { expect, test, type Page } from '@playwright/test';
import { welcomeJourney } from '../src/journey/examples';

// A tall viewport so a fresh canvas (not auto-fitted, zoom 1) shows flow coordinates as they are.
test.use({ viewport: { width: 1440, height: 1000 } });

interface NodeStats {
  entered: number;
  exited: number;
  waiting: number;
  byHandle: Record<string, number>;
}
interface Stats {
  nodes: Record<string, NodeStats>;
}

async function trpcGet<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()).result.data as T;
}

const nodeStats = (page: Page, journeyId: string, versionId?: number) =>
  trpcGet<Stats>(page, 'analytics.nodeStats', { journeyId, ...(versionId === undefined ? {} : { versionId }) });

type EdgeRef = { source: string; sourceHandle?: string | null };

/** "204 · 78%" → { count: 204, share: 78 }; the share (of the journey's entrants) is null while nobody entered. */
async function edgeLabel(page: Page, e: EdgeRef): Promise<{ count: number; share: number | null }> {
  const text = (await page.getByTestId(`edge-stat-${e.source}-${e.sourceHandle || 'out'}`).textContent()) ?? '';
  const [count, share] = text.split('·');
  const pct = share.replace(/\D/g, '');
  return { count: Number(count.replace(/\D/g, '')), share: pct ? Number(pct) : null };
}

/** Edge shares are of the journey's entrants (those who entered the trigger), like the nodes' reach: one denominator, one rounding. */
function expectedLabel(stats: Stats, e: EdgeRef) {
  const node = stats.nodes[e.source];
  const count = node?.byHandle[e.sourceHandle || 'out'] ?? 0;
  const base = stats.nodes.trigger?.entered ?? 0;
  return { count, share: base > 0 ? Math.round(Math.min(1, count / base) * 100) : null };
}

/** Waits until every edge label matches the API (the runtime may move members meanwhile, so both are re-read). */
async function expectLabelsMatch(page: Page, journeyId: string, edges: EdgeRef[], versionId?: number) {
  await expect
    .poll(
      async () => {
        const stats = await nodeStats(page, journeyId, versionId);
        const wrong: string[] = [];
        for (const e of edges) {
          const [shown, want] = [await edgeLabel(page, e), expectedLabel(stats, e)];
          if (shown.count !== want.count || shown.share !== want.share) wrong.push(`${e.source}-${e.sourceHandle || 'out'}: ${JSON.stringify({ shown, want })}`);
        }
        return wrong;
      },
      { timeout: 15_000 },
    )
    .toEqual([]);
}

test('the analytics overlay labels every edge with the members who took it (share of the journey entrants, as node reach)', async ({ page }) => {
  await page.goto('/journeys/welcome');
  const first = welcomeJourney.edges[0];
  await expect(page.getByTestId(`edge-stat-${first.source}-out`)).toHaveCount(0);
  await page.getByTestId('toggle-analytics').click();
  await expect(page.getByTestId('stats-version')).toHaveValue('');
  await expectLabelsMatch(page, 'welcome', welcomeJourney.edges);
  // The demo history went through the trigger: its edge carries everyone who left it.
  expect((await edgeLabel(page, first)).count).toBeGreaterThan(0);
  expect((await edgeLabel(page, first)).share).toBe(100);
  await expect(page.getByTestId('reach-trigger')).toHaveText('100%');

  const journey = await trpcGet<{ versions: { id: number; number: number }[] }>(page, 'journeys.get', { id: 'welcome' });
  const v1 = journey.versions.find((v) => v.number === 1)!;
  await page.getByTestId('stats-version').selectOption({ label: 'v1' });
  await expectLabelsMatch(page, 'welcome', welcomeJourney.edges, v1.id);

  await page.getByTestId('toggle-analytics').click();
  await expect(page.getByTestId(`edge-stat-${first.source}-out`)).toHaveCount(0);
});

test('the version filter counts one published version at a time', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('new-journey-name').fill(`E2E overlay ${Date.now()}`);
  await page.getByTestId('template-welcome').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  const journeyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveText('Published v1');

  const join = async (from: number, count: number) => {
    const members = Array.from({ length: count }, (_, i) => `m${String(from + i).padStart(4, '0')}`);
    const res = await page.request.post('/api/events', {
      data: members.map((memberId) => ({ memberId, type: 'member_joined', id: `overlay-${journeyId}-${memberId}` })),
    });
    expect(res.ok(), await res.text()).toBe(true);
  };
  await join(101, 6);

  // Version 2 differs from version 1, and new members enter it.
  await page.getByTestId('node-bonus').click();
  await page.getByTestId('inspector-points').fill('200');
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-dialog').getByTestId('publish-confirm').click();
  await expect(page.getByTestId('publish-status')).toHaveText('Published v2');
  await join(201, 4);

  await page.getByTestId('toggle-analytics').click();
  const trigger = page.getByTestId('edge-stat-trigger-out');
  await expect(trigger).toHaveText('10 · 100%', { timeout: 15_000 });
  await page.getByTestId('stats-version').selectOption({ label: 'v1' });
  await expect(trigger).toHaveText('6 · 100%');
  await expect(page.getByTestId('stat-total-enrolled')).toHaveText('6');
  await page.getByTestId('stats-version').selectOption({ label: 'v2' });
  await expect(trigger).toHaveText('4 · 100%');
  const versions = await trpcGet<{ versions: { id: number; number: number }[] }>(page, 'journeys.get', { id: journeyId });
  await expectLabelsMatch(page, journeyId, welcomeJourney.edges, versions.versions.find((v) => v.number === 2)!.id);
  await page.getByTestId('stats-version').selectOption({ label: 'All versions' });
  await expect(trigger).toHaveText('10 · 100%');
});

test('dropping a palette node on an edge splices it in, and undo restores the edge', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('new-journey-name').fill(`E2E splice ${Date.now()}`);
  await page.getByTestId('template-blank').click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+$/);
  const canvas = page.getByTestId('canvas');
  await page.getByTestId('palette-trigger.event').dragTo(canvas, { targetPosition: { x: 300, y: 60 } });
  await page.getByTestId('palette-end').dragTo(canvas, { targetPosition: { x: 420, y: 460 } });

  await page.getByTestId('handle-trigger1-out').hover();
  await page.mouse.down();
  const target = (await page.getByTestId('target-end1').boundingBox())!;
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(1);
  const original = page.getByTestId('rf__edge-e-trigger1-out-end1');
  await expect(original).toHaveCount(1);

  // An edge's box can be thin, so edges are checked by count. The step edge's middle is on its level stretch.
  // Drag a wait over the middle of the edge: the edge lights up, and the drop wires the wait in.
  const box = (await original.locator('.react-flow__edge-path').boundingBox())!;
  await page.getByTestId('palette-wait.duration').hover();
  await page.mouse.down();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y, { steps: 10 });
  // Chromium reports each drag position with the next move: one more small move delivers the last.
  await page.mouse.move(x + 2, y + 3);
  await expect(original).toHaveClass(/je-drop-target/);
  await page.mouse.up();

  await expect(page.getByTestId('node-wait1')).toBeVisible();
  await expect(edges).toHaveCount(2);
  await expect(page.getByTestId('rf__edge-e-trigger1-out-wait1')).toHaveCount(1);
  await expect(page.getByTestId('rf__edge-e-wait1-out-end1')).toHaveCount(1);
  await expect(original).toHaveCount(0);
  await expect(page.locator('.je-drop-target')).toHaveCount(0);

  // One undo step takes the node out and puts the single edge back.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-wait1')).toHaveCount(0);
  await expect(edges).toHaveCount(1);
  await expect(original).toHaveCount(1);
  await page.getByTestId('redo').click();
  await expect(edges).toHaveCount(2);
  await expect(page.getByTestId('rf__edge-e-wait1-out-end1')).toHaveCount(1);

  // Dropped away from any edge, a node is just added.
  await page.getByTestId('palette-action.tag').dragTo(canvas, { targetPosition: { x: 700, y: 300 } });
  await expect(page.getByTestId('node-tag1')).toBeVisible();
  await expect(edges).toHaveCount(2);
});
