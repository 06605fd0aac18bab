import type { Db } from '@/db/client';
import { maskEmail, maskPhone } from './masking';
import { hourWindow, type DateRange } from './date-range';

/** 各节点人群: who is at a node now, who passed it, and of those who entered it, who reached or missed the goal. */
export type CrowdKind = 'at' | 'passed' | 'reached' | 'missed';
export const crowdKinds: CrowdKind[] = ['at', 'passed', 'reached', 'missed'];

export interface CrowdQuery {
  journeyId: string;
  nodeId: string;
  kind: CrowdKind;
  versionId?: number;
  /** Passed / reached / missed count node moves made in the range (rounded to hours, like the report); "at" is now, whatever the dates. */
  range?: DateRange;
}

export interface CrowdMember {
  memberId: string;
  name: string;
  phone: string | null;
  email: string | null;
  tier: string;
  city: string | null;
  status: string;
  enteredAt: number;
  goalAt: number | null;
}

/** The enrolments that make up a crowd, as SQL over enrolments and the step log (one row per member). */
function crowdSql(q: CrowdQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [q.journeyId];
  let where = 'e.journey_id = ?';
  if (q.versionId !== undefined) {
    where += ' and e.version_id = ?';
    params.push(q.versionId);
  }
  const w = hourWindow(q.range);
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
      params.push(q.nodeId, w.fromMs, w.toMs);
      break;
    case 'reached':
      where += ` and e.goal_at is not null and ${entered}`;
      params.push(q.nodeId, w.fromMs, w.toMs, q.nodeId, w.fromMs, w.toMs);
      break;
    case 'missed':
      // Finished without the goal: still in flight does not count as missed yet (and a finished member has a row for every node).
      where += ` and e.goal_at is null and e.status in ('completed', 'exited') and exists (select 1 from step_log s where s.enrolment_id = e.id and s.node_id = ? and s.kind = 'pass' and s.at >= ? and s.at < ?)`;
      params.push(q.nodeId, w.fromMs, w.toMs);
      break;
  }
  return { where, params };
}

/** A page of a crowd with personal data masked; the latest enrolment per member. */
export function listCrowd(db: Db, q: CrowdQuery, page: { limit: number; offset: number }): { total: number; rows: CrowdMember[] } {
  const { where, params } = crowdSql(q);
  const total = db.$client.prepare(`select count(distinct e.member_id) from enrolments e where ${where}`).pluck().get(...params) as number;
  const rows = db.$client
    .prepare(
      `select m.id as memberId, m.name, m.phone, m.email, m.tier, m.city, e.status, max(e.entered_at) as enteredAt, max(e.goal_at) as goalAt
         from enrolments e join members m on m.id = e.member_id
        where ${where} group by m.id order by m.id limit ? offset ?`,
    )
    .all(...params, page.limit, page.offset) as CrowdMember[];
  return { total, rows: rows.map((r) => ({ ...r, phone: maskPhone(r.phone), email: maskEmail(r.email) })) };
}

export function crowdMemberIds(db: Db, q: CrowdQuery): string[] {
  const { where, params } = crowdSql(q);
  return db.$client.prepare(`select distinct e.member_id from enrolments e where ${where} order by e.member_id`).pluck().all(...params) as string[];
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The whole crowd as CSV, masked like the table. */
export function crowdCsv(db: Db, q: CrowdQuery): string {
  const { rows } = listCrowd(db, q, { limit: 1_000_000, offset: 0 });
  const header = ['member_id', 'name', 'phone', 'email', 'tier', 'city', 'status', 'entered_at', 'goal_at'];
  const lines = rows.map((r) =>
    [r.memberId, r.name, r.phone, r.email, r.tier, r.city, r.status, new Date(r.enteredAt).toISOString(), r.goalAt ? new Date(r.goalAt).toISOString() : '']
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

/** Saves a crowd as a static group (人群圈选 → 营销 → 复盘): usable as `{segment: groupId}` in any journey. */
export function saveCrowdAsGroup(db: Db, q: CrowdQuery, groupId: string, now = Date.now()): number {
  const ids = crowdMemberIds(db, q);
  const insert = db.$client.prepare(`insert into member_groups (group_id, member_id, added_at) values (?, ?, ?) on conflict do nothing`);
  db.$client.transaction(() => {
    for (const id of ids) insert.run(groupId, id, now);
  })();
  return ids.length;
}
