import { describe, expect, it } from 'vitest';
import { addMembers, DAY, makeEngine, publish, T0 } from '@/test/fixtures';
import { chain, onEvent, rows } from '@/test/journeys';
import { listJourneys } from './journeys';

/** What the journeys list must show: the same as counting the enrolments themselves. */
function counted(db: Parameters<typeof listJourneys>[0]) {
  return rows<{ journeyId: string; total: number; active: number }>(
    db,
    `select journey_id as "journeyId", count(*) as total, sum(case when status in ('active', 'waiting') then 1 else 0 end) as active
       from enrolments group by journey_id order by journey_id`,
  );
}

const listed = (db: Parameters<typeof listJourneys>[0]) =>
  listJourneys(db)
    .filter((j) => j.totalEnrolments > 0)
    .map((j) => ({ journeyId: j.id, total: j.totalEnrolments, active: j.activeMembers }))
    .sort((a, b) => a.journeyId.localeCompare(b.journeyId));

describe('enrolment counters of the journeys list', () => {
  it('follow enrolments in, through a wait, out, re-entered and deleted, on every path that writes them', () => {
    const { db, runtime, advanceTo } = makeEngine();
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    addMembers(db, ids.map((id) => ({ id })));
    const waits = publish(db, chain('waits', [onEvent('joined'), { id: 'w', kind: 'wait.duration', config: { duration: 'P1D' } }], { entry: { reentry: 'always' } }));
    publish(db, chain('at-once', [onEvent('joined'), { id: 'tag', kind: 'action.tag', config: { add: ['hi'] } }]));

    runtime.ingest(ids.map((memberId) => ({ memberId, type: 'joined' })));
    expect(listed(db)).toEqual(counted(db));
    expect(listed(db).find((j) => j.journeyId === waits.journeyId)).toMatchObject({ total: 40, active: 40 });

    // Half of them enter again (re-entry allowed), then every first wait ends.
    runtime.ingest(ids.slice(0, 20).map((memberId) => ({ memberId, type: 'joined' })));
    advanceTo(T0 + DAY + 60_000);
    expect(listed(db)).toEqual(counted(db));
    expect(listed(db).find((j) => j.journeyId === waits.journeyId)).toMatchObject({ total: 60 });

    // Raw SQL too (an operator's clean-up): the triggers see every delete.
    const gone = `select id from enrolments where member_id in ('m1', 'm2', 'm3')`;
    db.$client.prepare(`delete from delivery_log where outbox_id in (select id from outbox where enrolment_id in (${gone}))`).run();
    for (const t of ['step_log', 'outbox', 'enrolment_variants']) db.$client.prepare(`delete from ${t} where enrolment_id in (${gone})`).run();
    db.$client.prepare(`delete from enrolments where member_id in ('m1', 'm2', 'm3')`).run();
    expect(listed(db)).toEqual(counted(db));
  });
});
