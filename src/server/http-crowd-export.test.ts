import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { addMembers, publish } from '@/test/fixtures';

// The real CSV export route over a real database file, without demo data.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-crowd-'));
process.env.DATABASE_PATH = path.join(dir, 'crowd.db');
process.env.SEED_DEMO = '0';
process.env.JOURNEY_ADMIN_KEY = 'test-admin-key';

const { GET } = await import('@/app/api/crowds/export/route');
const { getAppRuntime } = await import('@/runtime/app-runtime');
const { EngineWorker } = await import('@/runtime/worker');
const { systemClock } = await import('@/runtime/clock');
const { db, runtime } = getAppRuntime();

const exportCsv = (query: Record<string, string>) => GET(new Request(`http://localhost/api/crowds/export?${new URLSearchParams(query)}`, { headers: { authorization: 'Bearer test-admin-key' } }));

let journeyId = '';
beforeAll(() => {
  addMembers(db, [{ id: 'm1' }, { id: 'm2' }]);
  journeyId = publish(db, { ...welcomeJourney, policy: { quietHours: 'off' } }).journeyId;
  runtime.ingest([{ memberId: 'm1', type: 'member_joined' }, { memberId: 'm2', type: 'member_joined' }]);
  // The app's runtime only queues; an engine worker steps the members.
  new EngineWorker({ index: 0, count: 1, db, clock: systemClock }).pass();
});

describe('GET /api/crowds/export', () => {
  it('exports the crowd for the range only', async () => {
    const all = await exportCsv({ journeyId, nodeId: 'trigger', kind: 'passed' });
    expect(all.status).toBe(200);
    expect((await all.text()).trim().split('\n')).toHaveLength(3);
    const before = await exportCsv({ journeyId, nodeId: 'trigger', kind: 'passed', to: String(Date.now() - 86_400_000) });
    expect((await before.text()).trim().split('\n')).toEqual([expect.stringMatching(/^member_id,/)]);
  });

  it('answers 400 naming each bad field', async () => {
    const res = await exportCsv({ journeyId, nodeId: 'trigger', kind: 'everyone', from: 'yesterday' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(['kind', 'from']);
    const reversed = await exportCsv({ journeyId, nodeId: 'trigger', kind: 'passed', from: '2000', to: '1000' });
    expect(await reversed.json()).toMatchObject({ errors: [{ field: 'to', message: 'must not be before "from"' }] });
  });

  it('never fails on odd ids: non-ASCII and CR/LF stay out of the header, the name is quoted safely', async () => {
    for (const odd of ['旅程', 'a\r\nSet-Cookie: x=1', 'q"uote']) {
      const res = await exportCsv({ journeyId: odd, nodeId: 'trigger', kind: 'passed' });
      expect(res.status).toBe(200);
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).not.toMatch(/[\r\n]/);
      expect(disposition).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''/);
    }
  });
});
