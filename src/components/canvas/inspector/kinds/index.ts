import type { KindUi } from './define';
import triggerEvent from './trigger-event';
import triggerSegment from './trigger-segment';
import triggerDate from './trigger-date';
import triggerSchedule from './trigger-schedule';
import waitDuration from './wait-duration';
import waitUntil from './wait-until';
import waitEvent from './wait-event';
import branchAttribute from './branch-attribute';
import branchEvent from './branch-event';
import branchSegment from './branch-segment';
import branchTime from './branch-time';
import branchCount from './branch-count';
import splitRandom from './split-random';
import splitAb from './split-ab';
import actionMessage from './action-message';
import actionReward from './action-reward';
import actionTag from './action-tag';
import actionAsset from './action-asset';
import actionGroup from './action-group';
import actionHandoff from './action-handoff';
import end from './end';

/**
 * The UI half of the node catalogue (src/journey/nodes): one module per kind with its icon and its
 * inspector form. Adding a kind = its module in src/journey/nodes plus its module here.
 */
const byKind = new Map<string, KindUi>(
  [
    triggerEvent, triggerSegment, triggerDate, triggerSchedule, waitDuration, waitUntil, waitEvent, branchAttribute, branchEvent, branchSegment,
    branchTime, branchCount, splitRandom, splitAb, actionMessage, actionReward, actionTag, actionAsset, actionGroup, actionHandoff, end,
  ].map((ui) => [ui.kind, ui]),
);

/** A kind's icon and form; undefined for a kind without a UI module (the inspector then edits it as JSON). */
export function kindUi(kind: string): KindUi | undefined {
  return byKind.get(kind);
}

/** Every kind that has a UI module. */
export function kindUis(): KindUi[] {
  return [...byKind.values()];
}

/** Tests only: adds a fixture kind's UI module, as registerNodeKind adds its definition. Returns the undo. */
export function registerKindUi(ui: KindUi): () => void {
  if (byKind.has(ui.kind)) throw new Error(`Node kind "${ui.kind}" already has a form`);
  byKind.set(ui.kind, ui);
  return () => void byKind.delete(ui.kind);
}

export type { KindUi, KindForm, KindFormProps } from './define';
export { defineKindUi } from './define';
