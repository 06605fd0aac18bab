import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { addMembers, count, DAY, makeEngine, pathOf, publish, T0 } from '@/test/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-restart-'));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('durable waits', () => {
  it('a wait fires after the runtime restarts, from the state stored in SQLite', () => {
    const file = path.join(dir, 'journeys.db');
    const first = makeEngine(file);
    addMembers(first.db, [{ id: 'm1', name: 'Lin' }]);
    const { journeyId } = publish(first.db, welcomeJourney);
    first.runtime.ingest([{ memberId: 'm1', type: 'member_joined' }]);
    expect(pathOf(first.db, 'm1').at(-1)).toBe('enter:wait_order');
    first.db.$client.close();

    // A new process: new connection, new engine, empty caches, clock three days later.
    const second = makeEngine(file, T0 + 3 * DAY + 5 * 60_000);
    expect(second.runtime.stats()).toMatchObject({ waiting: 1, dueTimers: 1, latenessP99Ms: null });
    expect(second.runtime.fireDueTimers()).toBe(1);
    // The process was down for five minutes past the due time: the lateness shows it.
    // Nothing was delivered before the "crash": the welcome and reminder SMS are still pending (the bonus points were
    // applied in their step's own transaction).
    expect(second.runtime.stats()).toMatchObject({ waiting: 0, dueTimers: 0, latenessP50Ms: 5 * 60_000, outboxPending: 2 });
    second.runtime.deliverOutbox();
    second.runtime.deliverOutbox();
    // 08:05 in Shanghai is inside quiet hours: the two SMS wait for 09:00, the points are applied once.
    expect(second.runtime.stats().outboxPending).toBe(2);
    expect(count(second.db, `select points n from members where id = 'm1'`)).toBe(100);
    expect(pathOf(second.db, 'm1', journeyId).slice(-5)).toEqual([
      'enter:wait_order',
      'exit:wait_order:timeout',
      'enter:reminder',
      'exit:reminder:out',
      'enter:end_reminded',
    ]);
    expect(count(second.db, `select count(*) n from outbox where member_id = 'm1' and node_id = 'reminder'`)).toBe(1);
    expect(second.runtime.fireDueTimers()).toBe(0);
    second.db.$client.close();
  });
});
