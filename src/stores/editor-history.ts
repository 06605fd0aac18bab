/** Grouping of edits into undo steps, and the test-run trace shown on the canvas. */

const COALESCE_MS = 1_000;
let batchOpen = false;
let lastKey: string | null = null;
let lastAt = 0;

/**
 * Whether an edit starts a new undo step. Edits in the same synchronous task
 * (React Flow removes a node's edges and then the node) form one step, and
 * repeated edits of one field (typing) within a second coalesce into one.
 */
export function shouldRecord(key?: string): boolean {
  const now = Date.now();
  const sameBatch = batchOpen;
  if (!batchOpen) {
    batchOpen = true;
    queueMicrotask(() => {
      batchOpen = false;
    });
  }
  const coalesce = key !== undefined && key === lastKey && now - lastAt < COALESCE_MS;
  lastKey = key ?? null;
  lastAt = now;
  return !sameBatch && !coalesce;
}

/** Ends coalescing, so the next edit of the same field is a new step (after undo/redo). */
export function breakCoalescing(): void {
  lastKey = null;
}

export interface TestRunStep {
  at: number;
  kind: string;
  nodeId: string | null;
  handle: string | null;
}

export interface TestRunTrace {
  /** Visit numbers (1-based, in order of entry) per node. */
  order: Record<string, number[]>;
  /** `source|handle|target` of every edge the member took. */
  edges: string[];
}

export const edgeKey = (source: string, handle: string, target: string) => `${source}|${handle}|${target}`;

export function traceOf(steps: TestRunStep[]): TestRunTrace {
  const order: Record<string, number[]> = {};
  const edges: string[] = [];
  let n = 0;
  let leaving: { nodeId: string; handle: string } | null = null;
  for (const s of steps) {
    if (!s.nodeId) continue;
    if (s.kind === 'enter') {
      (order[s.nodeId] ??= []).push(++n);
      if (leaving) edges.push(edgeKey(leaving.nodeId, leaving.handle, s.nodeId));
      leaving = null;
    } else if (s.kind === 'exit') {
      leaving = { nodeId: s.nodeId, handle: s.handle ?? 'out' };
    }
  }
  return { order, edges };
}
