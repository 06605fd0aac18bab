import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { enrolments, stepLog } from '@/db/schema';

export interface NodeCounts {
  entered: number;
  exited: number;
  waiting: number;
  byHandle: Record<string, number>;
}

export interface JourneyStats {
  nodes: Record<string, NodeCounts>;
  variants: Record<string, Record<string, { assigned: number; reached: number }>>;
  totals: { enrolled: number; inFlight: number; completed: number; exited: number; goalReached: number };
}

/** Per-node funnel counts from the step log and enrolments (DESIGN.md: analytics read nothing else). */
export function journeyStats(db: Db, journeyId: string, versionId?: number): JourneyStats {
  const logScope: SQL[] = [eq(stepLog.journeyId, journeyId)];
  const enrolScope: SQL[] = [eq(enrolments.journeyId, journeyId)];
  if (versionId !== undefined) {
    logScope.push(eq(stepLog.versionId, versionId));
    enrolScope.push(eq(enrolments.versionId, versionId));
  }
  const nodes: Record<string, NodeCounts> = {};
  const node = (id: string) => (nodes[id] ??= { entered: 0, exited: 0, waiting: 0, byHandle: {} });

  const moves = db
    .select({ nodeId: stepLog.nodeId, kind: stepLog.kind, handle: stepLog.handle, n: sql<number>`count(*)` })
    .from(stepLog)
    .where(and(...logScope, inArray(stepLog.kind, ['enter', 'exit'])))
    .groupBy(stepLog.nodeId, stepLog.kind, stepLog.handle)
    .all();
  for (const m of moves) {
    if (!m.nodeId) continue;
    if (m.kind === 'enter') node(m.nodeId).entered += m.n;
    else {
      node(m.nodeId).exited += m.n;
      if (m.handle) node(m.nodeId).byHandle[m.handle] = (node(m.nodeId).byHandle[m.handle] ?? 0) + m.n;
    }
  }

  const waiting = db
    .select({ nodeId: enrolments.nodeId, n: sql<number>`count(*)` })
    .from(enrolments)
    .where(and(...enrolScope, eq(enrolments.status, 'waiting')))
    .groupBy(enrolments.nodeId)
    .all();
  for (const w of waiting) if (w.nodeId) node(w.nodeId).waiting = w.n;

  const variants: JourneyStats['variants'] = {};
  const assigned = db
    .select({ nodeId: stepLog.nodeId, handle: stepLog.handle, n: sql<number>`count(*)`, reached: sql<number>`sum(case when ${enrolments.goalAt} is not null then 1 else 0 end)` })
    .from(stepLog)
    .innerJoin(enrolments, eq(enrolments.id, stepLog.enrolmentId))
    .where(and(...logScope, eq(stepLog.kind, 'exit'), isNotNull(enrolments.variant), eq(stepLog.handle, enrolments.variant)))
    .groupBy(stepLog.nodeId, stepLog.handle)
    .all();
  for (const a of assigned) {
    if (!a.nodeId || !a.handle) continue;
    (variants[a.nodeId] ??= {})[a.handle] = { assigned: a.n, reached: Number(a.reached ?? 0) };
  }

  const t = db
    .select({
      enrolled: sql<number>`count(*)`,
      inFlight: sql<number>`sum(case when ${enrolments.status} in ('active','waiting') then 1 else 0 end)`,
      completed: sql<number>`sum(case when ${enrolments.status} = 'completed' then 1 else 0 end)`,
      exited: sql<number>`sum(case when ${enrolments.status} = 'exited' then 1 else 0 end)`,
      goalReached: sql<number>`sum(case when ${enrolments.goalAt} is not null then 1 else 0 end)`,
    })
    .from(enrolments)
    .where(and(...enrolScope))
    .get();
  const totals = {
    enrolled: Number(t?.enrolled ?? 0),
    inFlight: Number(t?.inFlight ?? 0),
    completed: Number(t?.completed ?? 0),
    exited: Number(t?.exited ?? 0),
    goalReached: Number(t?.goalReached ?? 0),
  };
  return { nodes, variants, totals };
}
