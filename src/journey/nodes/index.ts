import type { NodeKindDef } from './types';
import triggerEvent from './trigger-event';
import waitDuration from './wait-duration';
import waitEvent from './wait-event';
import branchAttribute from './branch-attribute';
import splitAb from './split-ab';
import actionMessage from './action-message';
import actionReward from './action-reward';
import end from './end';
import triggerSegment from './trigger-segment';
import triggerDate from './trigger-date';
import triggerSchedule from './trigger-schedule';
import waitUntil from './wait-until';
import branchEvent from './branch-event';
import branchSegment from './branch-segment';
import branchTime from './branch-time';
import branchCount from './branch-count';
import splitRandom from './split-random';
import actionTag from './action-tag';
import actionAsset from './action-asset';
import actionGroup from './action-group';
import actionHandoff from './action-handoff';

/** The node catalogue. Adding a kind = adding its module here. */
export const nodeKinds: readonly NodeKindDef[] = [
  triggerEvent,
  triggerSegment,
  triggerDate,
  triggerSchedule,
  waitDuration,
  waitUntil,
  waitEvent,
  branchAttribute,
  branchEvent,
  branchSegment,
  branchTime,
  branchCount,
  splitRandom,
  splitAb,
  actionMessage,
  actionReward,
  actionTag,
  actionAsset,
  actionGroup,
  actionHandoff,
  end,
];

const byKind = new Map(nodeKinds.map((k) => [k.kind, k]));

export function getNodeKind(kind: string): NodeKindDef | undefined {
  return byKind.get(kind);
}

export type { NodeKindDef, HandleDef, NodeCategory, ScheduledTrigger } from './types';
