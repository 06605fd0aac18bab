import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { timelineOf, type StepLogRow } from '../src/db/step-timeline';

// Pause, resume and archive from the editor's toolbar. A member who pays while the journey is
// paused leaves the wait by its "paid" exit on resume, instead of getting the timeout's reminder.
test.use({ viewport: { width: 1440, height: 900 } });

const doc = {
  format: 'journey/v1',
  id: 'lifecycle_e2e',
  name: 'Lifecycle e2e',
  entry: { reentry: 'never' },
  nodes: [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'lifecycle_joined' }, position: { x: 300, y: 0 } },
    { id: 'wait_paid', kind: 'wait.event', config: { event: 'lifecycle_paid', timeout: 'P3D' }, position: { x: 300, y: 180 } },
    { id: 'thanks', kind: 'end', position: { x: 100, y: 360 } },
    { id: 'nudge', kind: 'action.message', config: { channel: 'sms', template: 'Still thinking?' }, position: { x: 500, y: 360 } },
    { id: 'done', kind: 'end', position: { x: 500, y: 540 } },
  ],
  edges: [
    { source: 'trigger', target: 'wait_paid' },
    { source: 'wait_paid', sourceHandle: 'event', target: 'thanks' },
    { source: 'wait_paid', sourceHandle: 'timeout', target: 'nudge' },
    { source: 'nudge', target: 'done' },
  ],
};

async function mutate<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${procedure}`, { data: input });
  expect(res.ok(), `${procedure} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

async function send(request: APIRequestContext, type: string) {
  const res = await request.post('/api/events', { data: { memberId: 'm0005', type } });
  expect(res.status()).toBe(202);
}

function pathOf(journeyId: string): string[] {
  const db = new Database(path.resolve('.test-results/e2e.db'), { readonly: true, fileMustExist: true });
  try {
    // The compact log has one row per node pass; the member's moments (enter, exit, goal) are rebuilt as the app does.
    const e = db
      .prepare(`select id, status, node_id nodeId, node_entered_at at from enrolments where journey_id = ? and member_id = 'm0005' order by id desc limit 1`)
      .get(journeyId) as { id: number; status: string; nodeId: string | null; at: number } | undefined;
    // Events are accepted (202) and processed by an engine worker: until then the member has no enrolment.
    if (!e) return [];
    const rows = db.prepare(`select id, kind, node_id nodeId, handle, at, left_at leftAt from step_log where enrolment_id = ? order by id`).all(e.id) as StepLogRow[];
    const current = (e.status === 'waiting' || e.status === 'active') && e.nodeId ? { nodeId: e.nodeId, at: e.at } : null;
    return timelineOf(rows, current).map((s) => [s.kind, s.nodeId, s.handle].filter(Boolean).join(':'));
  } finally {
    db.close();
  }
}

/** Events of the member still waiting in the inbox for an engine worker. */
function queued(memberId: string): number {
  const db = new Database(path.resolve('.test-results/e2e.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`select count(*) from inbox where member_id = ?`).pluck().get(memberId) as number;
  } finally {
    db.close();
  }
}

test('pause holds a member, an event during the pause is replayed on resume, archive ends entries', async ({ page }) => {
  const { id } = await mutate<{ id: string }>(page.request, 'journeys.create', { name: doc.name, document: doc });
  await mutate(page.request, 'journeys.publish', { id });
  await send(page.request, 'lifecycle_joined');
  await expect.poll(() => pathOf(id).at(-1)).toBe('enter:wait_paid');

  await page.goto(`/journeys/${id}`);
  await expect(page.getByTestId('journey-status')).toHaveText('Live');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('journey-status')).toHaveText('Paused');
  await expect(page.getByTestId('lifecycle-status')).toHaveText('Paused: no new entries, members held');
  await expect(page.getByTestId('paused-since')).toContainText('Paused since');

  // Paid while paused: held, not moved (checked once the engine worker has taken the event from the inbox).
  await send(page.request, 'lifecycle_paid');
  await expect.poll(() => queued('m0005')).toBe(0);
  expect(pathOf(id).at(-1)).toBe('enter:wait_paid');

  await page.getByTestId('resume').click();
  await expect(page.getByTestId('lifecycle-status')).toHaveText('Resumed: 1 event sent during the pause replayed');
  await expect(page.getByTestId('journey-status')).toHaveText('Live');
  await expect.poll(() => pathOf(id).slice(-2)).toEqual(['exit:wait_paid:event', 'enter:thanks']);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('archive').click();
  await expect(page.getByTestId('journey-status')).toHaveText('Archived');
  await expect(page.getByTestId('lifecycle')).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('journey-status')).toHaveText('已归档');
});
