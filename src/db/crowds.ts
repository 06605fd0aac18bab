import type { Db } from './client';
import { dialectOf } from './dialect';
import type { enrolments, members } from './schema';

// The crowd queries of the journey report (各节点人群): analytics/crowds.ts masks, pages and exports the rows.

export type CrowdKind = 'at' | 'passed' | 'reached' | 'missed';

/** Which crowd: the journey's node, what kind, optionally one version; moves counted in [fromMs, toMs) ("at" is now). */
export interface CrowdWhere {
  journeyId: string;
  nodeId: string;
  kind: CrowdKind;
  versionId?: number;
  fromMs: number;
  toMs: number;
}

type Member = typeof members.$inferSelect;
type Enrolment = typeof enrolments.$inferSelect;

/** A crowd member's row (unmasked): the latest enrolment per member. */
export type CrowdRow = Pick<Member, 'name' | 'phone' | 'email' | 'tier' | 'city'> & Pick<Enrolment, 'status' | 'enteredAt' | 'goalAt'> & { memberId: string };

/** The enrolments that make up a crowd, as SQL over enrolments and the step log (one row per member). */
function crowdSql(q: CrowdWhere): { where: string; params: unknown[] } {
  const params: unknown[] = [q.journeyId];
  let where = 'e.journey_id = ?';
  if (q.versionId !== undefined) {
    where += ' and e.version_id = ?';
    params.push(q.versionId);
  }
  // One step-log row per node pass: `at` entered, `left_at` left (by `handle`, when there is one). A member still at the
  // node has no row yet: the enrolment says where they are and since when.
  const left = `exists (select 1 from step_log s where s.enrolment_id = e.id and s.node_id = ? and s.kind = 'pass' and s.handle is not null and s.left_at >= ? and s.left_at < ?)`;
  const entered = `(exists (select 1 from step_log s where s.enrolment_id = e.id and s.node_id = ? and s.kind = 'pass' and s.at >= ? and s.at < ?)
    or (e.status in ('active', 'waiting') and e.node_id = ? and e.node_entered_at >= ? and e.node_entered_at < ?))`;
  switch (q.kind) {
    case 'at':
      where += ` and e.status in ('active', 'waiting') and e.node_id = ?`;
      params.push(q.nodeId);
      break;
    case 'passed':
      where += ` and ${left}`;
      params.push(q.nodeId, q.fromMs, q.toMs);
      break;
    case 'reached':
      where += ` and e.goal_at is not null and ${entered}`;
      params.push(q.nodeId, q.fromMs, q.toMs, q.nodeId, q.fromMs, q.toMs);
      break;
    case 'missed':
      // Finished without the goal: still in flight does not count as missed yet (and a finished member has a row for every node).
      where += ` and e.goal_at is null and e.status in ('completed', 'exited') and exists (select 1 from step_log s where s.enrolment_id = e.id and s.node_id = ? and s.kind = 'pass' and s.at >= ? and s.at < ?)`;
      params.push(q.nodeId, q.fromMs, q.toMs);
      break;
  }
  return { where, params };
}

export function crowdSize(db: Db, q: CrowdWhere): number {
  const { where, params } = crowdSql(q);
  return db.$client.prepare(`select count(distinct e.member_id) from enrolments e where ${where}`).pluck().get(...params) as number;
}

export function crowdRows(db: Db, q: CrowdWhere, page: { limit: number; offset: number }): CrowdRow[] {
  const { where, params } = crowdSql(q);
  // SQLite takes the bare `e.status` from a row of the group; Postgres wants an aggregate: the latest enrolment's.
  const status = dialectOf(db) === 'pg' ? '(array_agg(e.status order by e.entered_at desc, e.id desc))[1] as status' : 'e.status';
  return db.$client
    .prepare(
      `select m.id as memberId, m.name, m.phone, m.email, m.tier, m.city, ${status}, max(e.entered_at) as enteredAt, max(e.goal_at) as goalAt
         from enrolments e join members m on m.id = e.member_id
        where ${where} group by m.id order by m.id limit ? offset ?`,
    )
    .all(...params, page.limit, page.offset) as CrowdRow[];
}

export function crowdMemberIds(db: Db, q: CrowdWhere): string[] {
  const { where, params } = crowdSql(q);
  return db.$client.prepare(`select distinct e.member_id from enrolments e where ${where} order by e.member_id`).pluck().all(...params) as string[];
}

/** Adds the members to a static group in one transaction (members already in it stay as they were). */
export function addToGroup(db: Db, groupId: string, memberIds: string[], now: number): void {
  const insert = db.$client.prepare(`insert into member_groups (group_id, member_id, added_at) values (?, ?, ?) on conflict do nothing`);
  db.$client.transaction(() => {
    for (const id of memberIds) insert.run(groupId, id, now);
  })();
}
