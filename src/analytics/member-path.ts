import type { Db } from '@/db/client';
import { enrolmentTimeline } from '@/db/step-timeline';

export interface MemberJourneyPath {
  enrolmentId: number;
  journeyId: string;
  journeyName: string;
  version: number;
  entryNo: number;
  status: string;
  variant: string | null;
  enteredAt: number;
  goalAt: number | null;
  exitReason: string | null;
  steps: { at: number; kind: string; nodeId: string | null; handle: string | null }[];
  effects: {
    nodeId: string;
    type: string;
    channel: string | null;
    status: string;
    reason: string | null;
    text: string | null;
    createdAt: number;
    decisions: { at: number; decision: string; reason: string }[];
  }[];
}

/** One member's path through every journey: the node-by-node timeline, waits, effects and policy decisions. */
export function memberPaths(db: Db, memberId: string): MemberJourneyPath[] {
  const enrolments = db.$client
    .prepare(
      `select e.id as enrolmentId, e.journey_id as journeyId, j.name as journeyName, v.number as version, e.entry_no as entryNo, e.status,
              e.variant, e.entered_at as enteredAt, e.goal_at as goalAt, e.exit_reason as exitReason,
              e.node_id as nodeId, e.node_entered_at as nodeEnteredAt, e.updated_at as updatedAt
         from enrolments e join journeys j on j.id = e.journey_id join journey_versions v on v.id = e.version_id
        where e.member_id = ? order by e.entered_at desc, e.id desc`,
    )
    .all(memberId) as (Omit<MemberJourneyPath, 'steps' | 'effects'> & { nodeId: string | null; nodeEnteredAt: number | null; updatedAt: number })[];
  const effects = db.$client.prepare(
    `select id, node_id as nodeId, type, channel, status, reason, json_extract(payload, '$.text') as text, created_at as createdAt from outbox where enrolment_id = ? order by id`,
  );
  const decisions = db.$client.prepare(`select at, decision, reason from delivery_log where outbox_id = ? order by id`);
  return enrolments.map(({ nodeId, nodeEnteredAt, updatedAt, ...e }) => ({
    ...e,
    // Moments (entered, left by a handle, goal, left the journey) from the compact log: one row per node pass.
    steps: enrolmentTimeline(db, { id: e.enrolmentId, status: e.status, nodeId, nodeEnteredAt, updatedAt }).map(({ at, kind, nodeId: node, handle }) => ({
      at,
      kind,
      nodeId: node,
      handle,
    })),
    effects: (effects.all(e.enrolmentId) as (MemberJourneyPath['effects'][number] & { id: number })[]).map(({ id, ...fx }) => ({
      ...fx,
      decisions: decisions.all(id) as MemberJourneyPath['effects'][number]['decisions'],
    })),
  }));
}
