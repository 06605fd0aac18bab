import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crowdMemberIds, type CrowdKind } from '@/analytics/crowds';
import { pathCounts } from '@/analytics/path-funnel';
import { waitTimes } from '@/analytics/report';
import { DAY, HOUR, pathOf, T0 } from '@/test/fixtures';
import { openDb, type Db } from './client';

/**
 * Migration 0013 turns the old step log (an 'enter' and an 'exit' row per node pass) into the compact one (a 'pass'
 * row per node, written when it is left). A database written the old way is built below at migration 0012, its
 * numbers are read with the old queries, then it is migrated and read with today's code: they must agree.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compact-step-log-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before the compact step log. */
function migrationsBefore(): string {
  const src = path.join(process.cwd(), 'drizzle');
  const out = path.join(dir, 'drizzle-0012');
  fs.mkdirSync(path.join(out, 'meta'), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < '0013');
  fs.writeFileSync(path.join(out, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(src, `${e.tag}.sql`), path.join(out, `${e.tag}.sql`));
  return out;
}

function withMigrations<T>(folder: string | undefined, fn: () => T): T {
  const before = process.env.MIGRATIONS_PATH;
  if (folder) process.env.MIGRATIONS_PATH = folder;
  else delete process.env.MIGRATIONS_PATH;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.MIGRATIONS_PATH;
    else process.env.MIGRATIONS_PATH = before;
  }
}

// Welcome, as the old engine logged it: t → m1 → w (order_paid within 3 days, or timeout) → x1 | m2 → x2; goal order_paid within 7 days.
type OldMove = [kind: 'enter' | 'exit' | 'goal' | 'exit_journey', node: string, handle: string | null, visit: number | null, at: number];
const enterTo = (at: number): OldMove[] => [
  ['enter', 't', null, 1, at],
  ['exit', 't', 'out', 1, at],
  ['enter', 'm1', null, 1, at],
  ['exit', 'm1', 'out', 1, at],
  ['enter', 'w', null, 1, at],
];
const MEMBERS: { id: string; status: string; node: string; goalAt: number | null; exitReason: string | null; steps: OldMove[][] }[] = [
  // Paid within the hour: goal, then out by the event handle to the end.
  { id: 'paid', status: 'completed', node: 'x1', goalAt: T0 + HOUR, exitReason: null, steps: [enterTo(T0), [['goal', 'w', null, null, T0 + HOUR], ['exit', 'w', 'event', 1, T0 + HOUR], ['enter', 'x1', null, 1, T0 + HOUR]]] },
  // Still waiting (entered the wait two hours in).
  { id: 'waiting', status: 'waiting', node: 'w', goalAt: null, exitReason: null, steps: [enterTo(T0 + 2 * HOUR)] },
  // Left by an exit criterion while waiting.
  { id: 'left', status: 'exited', node: 'w', goalAt: null, exitReason: 'exit_criteria', steps: [enterTo(T0), [['exit_journey', 'w', 'exit_criteria', null, T0 + 5 * HOUR]]] },
  // Timed out, reminded, finished without the goal.
  {
    id: 'nudged',
    status: 'completed',
    node: 'x2',
    goalAt: null,
    exitReason: null,
    steps: [enterTo(T0), [['exit', 'w', 'timeout', 1, T0 + 3 * DAY], ['enter', 'm2', null, 1, T0 + 3 * DAY], ['exit', 'm2', 'out', 1, T0 + 3 * DAY], ['enter', 'x2', null, 1, T0 + 3 * DAY]]],
  },
];

function oldDatabase(file: string): Db {
  const db = withMigrations(migrationsBefore(), () => openDb(file));
  const doc = { format: 'journey/v1', id: 'welcome', name: 'Welcome', goal: { event: 'order_paid', within: 'P7D' } };
  db.$client.exec(`insert into journeys (id, name, status, draft, created_at, updated_at) values ('welcome', 'Welcome', 'live', '{}', 0, 0);
    insert into journey_versions (journey_id, number, hash, document, machine, published_at) values ('welcome', 1, 'h', '${JSON.stringify(doc)}', '{}', 0);`);
  const member = db.$client.prepare(`insert into members (id, name, tier, points, tz, consent, attributes, created_at) values (?, ?, 'silver', 0, 'Asia/Shanghai', '{}', '{}', 0)`);
  const enrol = db.$client.prepare(
    `insert into enrolments (journey_id, version_id, member_id, entry_no, status, node_id, snapshot, entered_at, updated_at, goal_at, exit_reason)
     values ('welcome', 1, ?, 1, ?, ?, '{}', ?, ?, ?, ?)`,
  );
  const step = db.$client.prepare(
    `insert into step_log (enrolment_id, journey_id, version_id, member_id, node_id, kind, handle, visit, at) values (?, 'welcome', 1, ?, ?, ?, ?, ?, ?)`,
  );
  const enrolmentIds = new Map<string, number>();
  for (const m of MEMBERS) {
    member.run(m.id, m.id);
    const moves = m.steps.flat();
    enrolmentIds.set(m.id, Number(enrol.run(m.id, m.status, m.node, moves[0][4], moves.at(-1)![4], m.goalAt, m.exitReason).lastInsertRowid));
  }
  // The members' steps interleave in the log as they happened: first steps of everyone, then the later ones.
  for (let round = 0; round < 2; round++) {
    for (const m of MEMBERS) for (const [kind, node, handle, visit, at] of m.steps[round] ?? []) step.run(enrolmentIds.get(m.id), m.id, node, kind, handle, visit, at);
  }
  return db;
}

/** What the old queries said, read before migrating. */
function oldNumbers(db: Db) {
  const all = <T>(sql: string, ...p: unknown[]) => db.$client.prepare(sql).all(...p) as T[];
  const paths = Object.fromEntries(
    MEMBERS.map((m) => [
      m.id,
      all<{ kind: string; node_id: string; handle: string }>(`select kind, node_id, handle from step_log where member_id = ? order by id`, m.id).map((r) =>
        r.kind === 'enter' ? `enter:${r.node_id}` : r.kind === 'exit' ? `exit:${r.node_id}:${r.handle}` : r.kind === 'goal' ? 'goal' : `exit_journey:${r.handle}`,
      ),
    ]),
  );
  const waits = all<{ d: number }>(
    `select x.at - n.at as d from step_log n join step_log x on x.enrolment_id = n.enrolment_id and x.node_id = n.node_id and x.visit = n.visit and x.kind = 'exit'
      where n.node_id = 'w' and n.kind = 'enter' order by d`,
  ).map((r) => r.d);
  // Entries in log order per enrolment, walked along each path (the funnel by definition).
  const entries = all<{ e: number; node: string }>(`select enrolment_id e, node_id node from step_log where kind = 'enter' order by enrolment_id, id`);
  const funnel = (p: string[]) => {
    const reached = new Map<number, number>();
    for (const x of entries) {
      const k = reached.get(x.e) ?? 0;
      if (k < p.length && p[k] === x.node) reached.set(x.e, k + 1);
    }
    return p.map((_, k) => [...reached.values()].filter((n) => n > k).length);
  };
  const touched = (kind: string) => `exists (select 1 from step_log s where s.enrolment_id = e.id and s.node_id = 'w' and s.kind = '${kind}')`;
  const crowd = (where: string) => all<{ m: string }>(`select member_id m from enrolments e where ${where} order by 1`).map((r) => r.m);
  return {
    paths,
    waits,
    funnels: [funnel(['t', 'w', 'x1']), funnel(['m1', 'm2', 'x2']), funnel(['w'])],
    crowds: {
      at: crowd(`e.status in ('active', 'waiting') and e.node_id = 'w'`),
      passed: crowd(touched('exit')),
      reached: crowd(`e.goal_at is not null and ${touched('enter')}`),
      missed: crowd(`e.goal_at is null and e.status in ('completed', 'exited') and ${touched('enter')}`),
    } as Record<CrowdKind, string[]>,
  };
}

// SQLite only: migration 0013 rewrote SQLite databases of the old layout; Postgres databases start from drizzle/pg, which has the compact log from its first migration.
describe.skipIf(process.env.TEST_STORE === 'pg')('migration 0013: compact step log', () => {
  let db: Db;
  let old: ReturnType<typeof oldNumbers>;
  let countsBefore: unknown[];
  beforeAll(() => {
    const file = path.join(dir, 'old.db');
    const before = oldDatabase(file);
    old = oldNumbers(before);
    countsBefore = before.$client.prepare(`select * from node_counts order by 1, 2, 3, 4, 5, 6`).all();
    before.$client.close();
    db = withMigrations(undefined, () => openDb(file));
  });

  it('keeps every member path, wait time, path funnel, crowd and counter the old log gave', () => {
    expect(old.paths.paid).toEqual(['enter:t', 'exit:t:out', 'enter:m1', 'exit:m1:out', 'enter:w', 'goal', 'exit:w:event', 'enter:x1']);
    for (const m of MEMBERS) expect(pathOf(db, m.id), m.id).toEqual(old.paths[m.id]);
    const w = waitTimes(db, 'welcome', ['w']).w;
    expect(w.count).toBe(old.waits.length);
    expect(w.medianMs).toBe(old.waits[Math.floor(0.5 * old.waits.length)]);
    expect([pathCounts(db, 'welcome', ['t', 'w', 'x1']), pathCounts(db, 'welcome', ['m1', 'm2', 'x2']), pathCounts(db, 'welcome', ['w'])]).toEqual(old.funnels);
    expect(old.funnels[0]).toEqual([4, 4, 1]);
    for (const kind of ['at', 'passed', 'reached', 'missed'] as CrowdKind[]) {
      expect(crowdMemberIds(db, { journeyId: 'welcome', nodeId: 'w', kind }), kind).toEqual(old.crowds[kind]);
    }
    expect(db.$client.prepare(`select * from node_counts order by 1, 2, 3, 4, 5, 6`).all()).toEqual(countsBefore);
  });

  it('writes one row per node pass; the node a member is at lives on the enrolment', () => {
    const rows = db.$client.prepare(`select kind, count(*) n from step_log group by kind order by kind`).all();
    // 14 passes: t and m1 of all four; w of paid, left (no handle) and nudged; x1 of paid; m2 and x2 of nudged.
    expect(rows).toEqual([
      { kind: 'exit_journey', n: 1 },
      { kind: 'goal', n: 1 },
      { kind: 'pass', n: 14 },
    ]);
    expect(db.$client.prepare(`select handle, at, left_at from step_log where member_id = 'left' and node_id = 'w'`).get()).toEqual({ handle: null, at: T0, left_at: T0 + 5 * HOUR });
    expect(db.$client.prepare(`select node_id, node_entered_at from enrolments where member_id = 'waiting'`).get()).toEqual({ node_id: 'w', node_entered_at: T0 + 2 * HOUR });
    // Goal window of 7 days from entry; the version has a goal.
    expect(db.$client.prepare(`select goal_until from enrolments where member_id = 'nudged'`).pluck().get()).toBe(T0 + 7 * DAY);
  });
});
