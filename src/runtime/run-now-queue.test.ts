import { describe, expect, it } from 'vitest';
import { birthdayJourney } from '@/journey/examples';
import { setJourneyStatus } from '@/db/journeys';
import { runRequest } from '@/db/run-requests';
import { makeEngine, publish, T0 } from '@/test/fixtures';
import { addMember, rows } from '@/test/journeys';
import { requestRunNow, RunNowError } from './run-now';
import { EngineWorker } from './worker';

// "Run now" in the started app: the web request only queues it; engine worker 0 enrols the audience.
function birthdays() {
  const env = makeEngine();
  addMember(env.db, { id: 'sh1', tz: 'Asia/Shanghai', birthday: '1990-11-06' });
  addMember(env.db, { id: 'sh2', tz: 'Asia/Shanghai', birthday: '1985-11-06' });
  addMember(env.db, { id: 'later', tz: 'Asia/Shanghai', birthday: '1991-12-25' });
  return { ...env, journeyId: publish(env.db, birthdayJourney).journeyId };
}

const enrolled = (env: ReturnType<typeof birthdays>) =>
  rows<{ member_id: string }>(env.db, 'select member_id from enrolments where journey_id = ? order by member_id', env.journeyId).map((r) => r.member_id);
const worker = (env: ReturnType<typeof birthdays>, index = 0) => new EngineWorker({ index, count: 2, db: env.db, clock: env.clock });

describe('run now through the engine workers', () => {
  it('the request enrols nobody by itself; worker 0 runs it and records how many it enrolled', () => {
    const env = birthdays();
    const request = requestRunNow(env.runtime, env.journeyId, 'marketer@brand');
    expect(request).toMatchObject({ status: 'queued', requestedBy: 'marketer@brand', requestedAt: T0 });
    expect(enrolled(env)).toEqual([]);
    // Worker 1 does not run them; worker 0 does, once.
    worker(env, 1).pass();
    expect(runRequest(env.db, request.id)!.status).toBe('queued');
    worker(env, 0).pass();
    expect(runRequest(env.db, request.id)).toMatchObject({ status: 'done', audience: 2, enrolled: 2, error: null });
    expect(enrolled(env)).toEqual(['sh1', 'sh2']);
  });

  it('says at once why a journey cannot run; a journey paused after the request makes it fail with the reason', () => {
    const env = birthdays();
    expect(() => requestRunNow(env.runtime, 'nope', 'm')).toThrow(RunNowError);
    const request = requestRunNow(env.runtime, env.journeyId, 'm');
    setJourneyStatus(env.db, env.journeyId, 'paused', T0);
    worker(env).pass();
    expect(runRequest(env.db, request.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('Only a live journey') });
    expect(enrolled(env)).toEqual([]);
  });

  it('a run cut short (its worker died) is run again by the next worker 0, enrolling nobody twice', () => {
    const env = birthdays();
    const request = requestRunNow(env.runtime, env.journeyId, 'm');
    worker(env).pass();
    // As if the worker had died after enrolling but before recording the outcome.
    env.db.$client.prepare(`update run_requests set status = 'running', enrolled = null, audience = null where id = ?`).run(request.id);
    worker(env).pass();
    expect(runRequest(env.db, request.id)).toMatchObject({ status: 'done', audience: 2, enrolled: 0 });
    expect(enrolled(env)).toEqual(['sh1', 'sh2']);
  });
});
