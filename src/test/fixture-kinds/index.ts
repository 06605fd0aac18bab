import { registerNodeKind } from '@/journey/nodes';
import { registerKindUi } from '@/components/canvas/inspector/kinds';
import waitForSegment from './wait-for-segment';
import triggerCheckIn from './trigger-check-in';
import { triggerCheckInUi, waitForSegmentUi } from './forms';

/** Registers the test-only kinds (definition and UI module each), as a new module would be; returns the undo. */
export function registerFixtureKinds(): () => void {
  const undo = [registerNodeKind(waitForSegment), registerNodeKind(triggerCheckIn), registerKindUi(waitForSegmentUi), registerKindUi(triggerCheckInUi)];
  return () => undo.forEach((u) => u());
}
