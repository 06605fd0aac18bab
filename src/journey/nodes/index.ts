import type { NodeKindDef } from './types';
import triggerEvent from './trigger-event';
import waitDuration from './wait-duration';
import waitEvent from './wait-event';
import branchAttribute from './branch-attribute';
import splitAb from './split-ab';
import actionMessage from './action-message';
import actionReward from './action-reward';
import end from './end';

/** The node catalogue. Adding a kind = adding its module here. */
export const nodeKinds: readonly NodeKindDef[] = [
  triggerEvent,
  waitDuration,
  waitEvent,
  branchAttribute,
  splitAb,
  actionMessage,
  actionReward,
  end,
];

const byKind = new Map(nodeKinds.map((k) => [k.kind, k]));

export function getNodeKind(kind: string): NodeKindDef | undefined {
  return byKind.get(kind);
}

export type { NodeKindDef, HandleDef, NodeCategory } from './types';
