import type { Principal } from '@/auth/permissions';
import { openDb, type Db } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import { enrolmentTimeline } from '@/db/step-timeline';
import { members, memberTags } from '@/db/schema';
import type { JourneyDocument } from '@/journey';
import { VirtualClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';

export const T0 = Date.parse('2026-11-02T08:00:00+08:00');
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface TestMember {
  id: string;
  tier?: string;
  points?: number;
  tz?: string;
  tags?: string[];
  consent?: Record<string, boolean>;
  name?: string;
}

export function addMembers(db: Db, list: TestMember[]): void {
  db.transaction(() => {
    for (const m of list) {
      db.insert(members)
        .values({ id: m.id, name: m.name ?? `Member ${m.id}`, tier: m.tier ?? 'bronze', points: m.points ?? 0, tz: m.tz ?? 'Asia/Shanghai', consent: m.consent ?? {}, createdAt: T0 })
        .run();
      for (const tag of m.tags ?? []) db.insert(memberTags).values({ memberId: m.id, tag }).run();
    }
  });
}

/** A fresh engine on a virtual clock over a database (in memory unless a file is given). */
export function makeEngine(file = ':memory:', start = T0) {
  const db = openDb(file);
  const clock = new VirtualClock(start);
  const runtime = new JourneyRuntime(db, clock);
  const advanceTo = (t: number) => runtime.runUntil(t, (x) => clock.set(x));
  return { db, clock, runtime, advanceTo };
}

export function publish(db: Db, doc: JourneyDocument, now = T0): { journeyId: string; versionId: number } {
  const journeyId = createJourney(db, { name: doc.name, document: doc, now });
  const res = publishJourney(db, journeyId, now);
  if (!res.ok) throw new Error(JSON.stringify(res.problems));
  return { journeyId, versionId: res.version.id };
}

/**
 * A member's path as logged: "enter:x", "exit:x:handle", "goal", "exit_journey:reason", built from the
 * compact step log (one row per node pass) and the nodes members are at, in the order things happened.
 */
export function pathOf(db: Db, memberId: string, journeyId?: string): string[] {
  const enrolments = db.$client
    .prepare(
      `select id, status, node_id as nodeId, node_entered_at as nodeEnteredAt, updated_at as updatedAt from enrolments
        where member_id = ? ${journeyId ? 'and journey_id = ?' : ''} order by id`,
    )
    .all(...(journeyId ? [memberId, journeyId] : [memberId])) as Parameters<typeof enrolmentTimeline>[1][];
  const steps = enrolments.flatMap((e) => enrolmentTimeline(db, e)).sort((a, b) => a.seq - b.seq);
  return steps.map((s) =>
    s.kind === 'enter' ? `enter:${s.nodeId}` : s.kind === 'exit' ? `exit:${s.nodeId}:${s.handle}` : s.kind === 'goal' ? 'goal' : `exit_journey:${s.handle}`,
  );
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.$client.prepare(sql).get(...params) as { n: number }).n;
}

/** Who in-process router tests call as: the system, with every permission (the role matrix has its own test). */
export const TEST_ADMIN: Principal = { kind: 'system', name: 'test' };
