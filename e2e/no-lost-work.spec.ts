import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

test.use({ viewport: { width: 1440, height: 1000 } });

const tiny = (id: string) => ({
  format: 'journey/v1', id, name: id, entry: { reentry: 'never' },
  nodes: [
    { id: 't', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 0, y: 0 } },
    { id: 'x', kind: 'end', position: { x: 0, y: 200 } },
  ],
  edges: [{ source: 't', target: 'x' }],
});

async function create(request: APIRequestContext, name: string, document?: unknown): Promise<string> {
  const res = await request.post('/api/trpc/journeys.create', { data: { name, ...(document ? { document } : {}) } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { id: string } } }).result.data.id;
}

async function drop(page: Page, kind: string, x: number, y: number) {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

test('a node dropped and reloaded at once is still there', async ({ page, request }) => {
  const id = await create(request, `Reload ${Date.now()}`);
  await page.goto(`/journeys/${id}`);
  await expect(page.getByTestId('palette')).toBeVisible();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await drop(page, 'wait.duration', 400, 200);
  await expect(page.getByTestId('node-wait1')).toBeVisible();
  const dropped = Date.now();
  await page.reload();
  expect(Date.now() - dropped).toBeLessThan(5_000);
  await expect(page.getByTestId('node-wait1')).toBeVisible({ timeout: 15_000 });
  // The server has it too (not just this browser).
  const saved = await request.get(`/api/trpc/journeys.get?input=${encodeURIComponent(JSON.stringify({ id }))}`);
  const draft = ((await saved.json()) as { result: { data: { draft: { nodes: { id: string }[] } } } }).result.data.draft;
  expect(draft.nodes.map((n) => n.id)).toContain('wait1');
});

test('import asks: merge keeps the draft and its name, replace takes the file', async ({ page, request }) => {
  const name = `Import ${Date.now()}`;
  const id = await create(request, name, { ...tiny('mine'), name });
  await page.goto(`/journeys/${id}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  const file = { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...tiny('other'), name: 'Other journey' })) };

  await page.getByTestId('import').setInputFiles(file);
  await expect(page.getByTestId('import-dialog')).toContainText('Other journey');
  await page.getByTestId('import-merge').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.getByTestId('journey-name')).toHaveText(name);

  await page.getByTestId('import').setInputFiles(file);
  await page.getByTestId('import-replace').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(page.getByTestId('journey-name')).toHaveText('Other journey');
});

test('an anniversary trigger sets re-entry "always" with a minimum interval', async ({ page, request }) => {
  const id = await create(request, `Birthday ${Date.now()}`);
  await page.goto(`/journeys/${id}`);
  await drop(page, 'trigger.date', 400, 150);
  await expect(page.getByTestId('node-date1')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 600 } });
  await expect(page.getByTestId('inspector-reentry')).toHaveValue('always');
  await expect(page.getByTestId('inspector-min-interval')).toHaveValue('300');
});

test('publishing an unchanged draft says there is nothing to publish', async ({ page, request }) => {
  const id = await create(request, `Unchanged ${Date.now()}`, tiny('unchanged'));
  const pub = await request.post('/api/trpc/journeys.publish', { data: { id } });
  expect(pub.status()).toBe(200);
  await page.goto(`/journeys/${id}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-status')).toHaveAttribute('data-state', 'unchanged');
  await expect(page.getByTestId('publish-status')).toContainText('Nothing to publish');
  await expect(page.getByTestId('publish-dialog')).toHaveCount(0);
});
