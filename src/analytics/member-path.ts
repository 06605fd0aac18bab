import type { Db } from '@/db/client';
import { effectDecisions, enrolmentEffects, memberEnrolments } from '@/db/member-path';
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
  const enrolments = memberEnrolments(db, memberId);
  return enrolments.map(({ nodeId, nodeEnteredAt, updatedAt, ...e }) => ({
    ...e,
    // Moments (entered, left by a handle, goal, left the journey) from the compact log: one row per node pass.
    steps: enrolmentTimeline(db, { id: e.enrolmentId, status: e.status, nodeId, nodeEnteredAt, updatedAt }).map(({ at, kind, nodeId: node, handle }) => ({
      at,
      kind,
      nodeId: node,
      handle,
    })),
    effects: enrolmentEffects(db, e.enrolmentId).map(({ id, ...fx }) => ({ ...fx, decisions: effectDecisions(db, id) })),
  }));
}
