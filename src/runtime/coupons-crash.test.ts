import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/db/client';
import { ENTRANTS, POOL_CODES, runCouponPlan } from '@/test/coupon-crash-plan';
import { count } from '@/test/fixtures';
import { rows } from '@/test/journeys';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-coupons-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Starts the plan in a child process and SIGKILLs it once `killWhen` (polled every 50 ms) says so, or never for
 * null. Killing on progress rather than after a fixed time lands the kill mid-issuance however loaded the machine is.
 */
function runWorker(file: string, killWhen: (() => boolean) | null): Promise<'done' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/test/coupon-crash-worker.ts'), file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const poll = killWhen === null ? null : setInterval(() => killWhen() && child.kill('SIGKILL'), 50);
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      if (out.includes('done')) resolve('done');
      else if (signal === 'SIGKILL') resolve('killed');
      else reject(new Error(`worker exited ${code}: ${err}`));
    });
  });
}

const onPostgres = process.env.TEST_STORE === 'pg';
/** On Postgres the file names a database of the test cluster (see openDb): one connection to it, kept for the polls. */
const pgReaders = new Map<string, Db>();
afterAll(() => pgReaders.forEach((db) => db.$client.close()));

/** Codes issued so far (0 before the schema exists). */
function issuedSoFar(file: string): number {
  if (onPostgres) {
    if (!pgReaders.has(file)) pgReaders.set(file, openDb(file));
    return count(pgReaders.get(file)!, `select count(*) n from coupon_codes where status = 'issued'`);
  }
  if (!fs.existsSync(file)) return 0;
  // Read-only and without openDb: the polls must not migrate the file under the worker that is creating it.
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) n from coupon_codes where status = 'issued'`).get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** What the acceptance point is about, read from the database file (once the workers are done). */
function outcome(file: string) {
  const db = openDb(file);
  const one = (sql: string) => db.$client.prepare(sql).get() as Record<string, number>;
  const messages = (sql: string) => rows<{ payload: string; code?: string }>(db, sql).map((r) => ({ text: String(JSON.parse(r.payload).text), code: r.code }));
  const result = {
    codes: one(`select count(*) issued, count(distinct code) distinct_codes, count(distinct member_id) members, count(distinct idempotency_key) keys from coupon_codes where status = 'issued'`),
    rewards: rows(db, `select status, reason, count(*) n from outbox where type = 'reward' group by 1, 2 order by 1`),
    exhaustedLogged: one(`select count(*) n from delivery_log where decision = 'skipped' and reason = 'pool_exhausted'`).n,
    // Every code belongs to the effect that settled as sent, and the member's later message shows exactly it.
    orphanCodes: one(`select count(*) n from coupon_codes c left join outbox o on o.idempotency_key = c.idempotency_key and o.status = 'sent' where c.status = 'issued' and o.id is null`).n,
    messagesWithTheirCode: messages(`select o.payload, c.code from outbox o join coupon_codes c on c.member_id = o.member_id where o.type = 'message'`).filter((m) =>
      m.text.endsWith(`your code: ${m.code}`),
    ).length,
    messagesWithoutCode: messages(`select payload from outbox where type = 'message'`).filter((m) => m.text.endsWith('your code: ')).length,
  };
  db.$client.close();
  return result;
}

const expected = {
  codes: { issued: POOL_CODES, distinct_codes: POOL_CODES, members: POOL_CODES, keys: POOL_CODES },
  rewards: [
    { status: 'sent', reason: 'sent', n: POOL_CODES },
    { status: 'skipped', reason: 'pool_exhausted', n: ENTRANTS - POOL_CODES },
  ],
  exhaustedLogged: ENTRANTS - POOL_CODES,
  orphanCodes: 0,
  messagesWithTheirCode: POOL_CODES,
  messagesWithoutCode: ENTRANTS - POOL_CODES,
};

describe('unique coupon codes (一人一码): issue #15 acceptance', () => {
  it('a pool of 1,000 codes and 1,200 entrants: exactly 1,000 distinct codes, 200 skipped pool_exhausted, the code in each later message', () => {
    const file = path.join(dir, 'straight.db');
    runCouponPlan(file);
    expect(outcome(file)).toEqual(expected);
  }, 120_000);

  it('SIGKILL at random points, then restart: still 1,000 distinct codes, 200 pool_exhausted, no code twice', async () => {
    const file = path.join(dir, 'crashed.db');
    let kills = 0;
    const issuedAtKill: number[] = [];
    // Once while the plan seeds (before any code), then each time a few hundred more codes have been handed out.
    const started = Date.now();
    const triggers: (() => boolean)[] = [() => Date.now() - started > 1_200, ...[150, 450, 800].map((n) => n + Math.floor(Math.random() * 50)).map((n) => () => issuedSoFar(file) >= n)];
    for (const trigger of triggers) {
      if ((await runWorker(file, trigger)) === 'done') break;
      kills++;
      issuedAtKill.push(issuedSoFar(file));
    }
    expect(await runWorker(file, null)).toBe('done');
    expect(kills).toBeGreaterThanOrEqual(3);
    // Kills landed while codes were being handed out.
    expect(issuedAtKill.filter((n) => n > 0 && n < POOL_CODES).length, `issued when killed: ${issuedAtKill.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(outcome(file)).toEqual(expected);
  }, 180_000);
});
