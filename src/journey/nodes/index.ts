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

const catalogue: NodeKindDef[] = [
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

/** The node catalogue. Adding a kind = adding its module here (and its form in inspector/kinds). */
export const nodeKinds: readonly NodeKindDef[] = catalogue;

const byKind = new Map(nodeKinds.map((k) => [k.kind, k]));

export function getNodeKind(kind: string): NodeKindDef | undefined {
  return byKind.get(kind);
}

/**
 * Tests only: adds a kind defined in a test fixture to the catalogue, so validation, compile, the
 * runtime and the palette see it exactly as they see a built-in one. Returns the undo.
 */
export function registerNodeKind(def: NodeKindDef): () => void {
  if (byKind.has(def.kind)) throw new Error(`Node kind "${def.kind}" is already registered`);
  catalogue.push(def);
  byKind.set(def.kind, def);
  return () => {
    catalogue.splice(catalogue.indexOf(def), 1);
    byKind.delete(def.kind);
  };
}

export type { NodeKindDef, HandleDef, NodeCategory, ScheduledTrigger } from './types';
