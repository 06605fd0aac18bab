import type { Db } from '@/db/client';
import { addToGroup, crowdMemberIds as crowdIds, crowdRows, crowdSize, type CrowdKind, type CrowdWhere } from '@/db/crowds';
import { maskEmail, maskPhone } from './masking';
import { hourWindow, type DateRange } from './date-range';

/** 各节点人群: who is at a node now, who passed it, and of those who entered it, who reached or missed the goal. */
export type { CrowdKind };
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

/** A page of a crowd with personal data masked; the latest enrolment per member. */
/** The crowd's SQL bounds: moves rounded to whole hours, like the report. */
function where(q: CrowdQuery): CrowdWhere {
  const { fromMs, toMs } = hourWindow(q.range);
  return { journeyId: q.journeyId, nodeId: q.nodeId, kind: q.kind, versionId: q.versionId, fromMs, toMs };
}

export function listCrowd(db: Db, q: CrowdQuery, page: { limit: number; offset: number }): { total: number; rows: CrowdMember[] } {
  const total = crowdSize(db, where(q));
  const rows = crowdRows(db, where(q), page);
  return { total, rows: rows.map((r) => ({ ...r, phone: maskPhone(r.phone), email: maskEmail(r.email) })) };
}

export function crowdMemberIds(db: Db, q: CrowdQuery): string[] {
  return crowdIds(db, where(q));
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
  addToGroup(db, groupId, ids, now);
  return ids.length;
}
