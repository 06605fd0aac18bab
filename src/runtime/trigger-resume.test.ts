import { describe, expect, it } from 'vitest';
import { addMembers, count, HOUR, makeEngine, publish, T0 } from '@/test/fixtures';
import { chain } from '@/test/journeys';

describe('an audience run cut short by a crash', () => {
  it('resumes after the last committed member, at the original run time', () => {
    const { db, runtime, clock } = makeEngine();
    addMembers(db, Array.from({ length: 10 }, (_, i) => ({ id: `m${i}` })));
    const runAt = T0 + HOUR;
    publish(
      db,
      chain('resume', [{ id: 't', kind: 'trigger.segment', config: { condition: { attr: 'tier', op: 'eq', value: 'bronze' }, schedule: { once: new Date(runAt).toISOString() } } }], {
        entry: { reentry: 'always' },
      }),
    );
    // As if the process died after committing m0–m4 of the run that started at runAt.
    db.$client.prepare(`update trigger_schedules set cursor = ?`).run(`${runAt}|m4`);
    clock.set(T0 + 5 * HOUR);
    expect(runtime.fireDueTriggers()).toBe(5);
    expect(db.$client.prepare(`select member_id from enrolments order by member_id`).pluck().all()).toEqual(['m5', 'm6', 'm7', 'm8', 'm9']);
    expect(count(db, `select count(*) n from enrolments where entered_at = ?`, runAt)).toBe(5);
    expect(db.$client.prepare(`select cursor, last_run_at, next_run_at from trigger_schedules`).get()).toEqual({ cursor: null, last_run_at: runAt, next_run_at: null });
    expect(runtime.fireDueTriggers()).toBe(0);
  });
});
