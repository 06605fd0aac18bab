import { create } from 'zustand';
import { temporal } from 'zundo';
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { DEFAULT_HANDLE, getNodeKind, type JourneyDocument, type ValidationProblem } from '@/journey';
import { edgeId, indexProblems, nextNodeId, spliceEdge, toDocument, toFlow, validated, type FlowNode, type JourneyMeta } from './editor-doc';
import { shouldRecord, type TestRunTrace } from './editor-history';

export * from './editor-doc';
export { traceOf, type TestRunTrace } from './editor-history';

export interface NodeStats {
  entered: number;
  exited: number;
  waiting: number;
  byHandle: Record<string, number>;
}
export interface StatsSnapshot {
  nodes: Record<string, NodeStats>;
  variants: Record<string, Record<string, { assigned: number; reached: number }>>;
  totals: { enrolled: number; inFlight: number; completed: number; exited: number; goalReached: number };
}

/** The journey as of the last meaningful edit: what undo and redo move between. */
export interface Snapshot {
  meta: JourneyMeta;
  nodes: FlowNode[];
  edges: Edge[];
}

interface EditorState extends Snapshot {
  journeyId: string | null;
  committed: Snapshot;
  dirty: boolean;
  /** Bumped on every edit, so a finished save knows whether it is still current. */
  rev: number;
  /** Bumped on every load, so the canvas fits the view once per opened journey. */
  loadSeq: number;
  /** Bumped when undo, redo or import rewrite the journey, so forms with local state start afresh. */
  restoredSeq: number;
  snap: boolean;
  trace: TestRunTrace | null;
  problems: ValidationProblem[];
  /** First problem per node, so each node subscribes to one string. */
  nodeErrors: Record<string, string>;
  nodeErrorsZh: Record<string, string>;
  stats: StatsSnapshot | null;
  /** Members who entered the journey's triggers: what the overlay measures each node's reach against. */
  statsBase: number;
  load(journeyId: string, doc: JourneyDocument): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  onConnect(connection: Connection): void;
  /** Adds a node; dropped on an edge (`onEdge`), it is wired in between that edge's two nodes. */
  addNode(kind: string, position: { x: number; y: number }, onEdge?: string): string | null;
  updateConfig(nodeId: string, config: Record<string, unknown>): void;
  updateMeta(patch: Partial<JourneyMeta>): void;
  removeNode(nodeId: string): void;
  /** Replaces the whole journey (import) but keeps its id. */
  replaceDocument(doc: JourneyDocument): void;
  setPositions(positions: Record<string, { x: number; y: number }>): void;
  /** Adds pasted nodes and edges, selecting only them. */
  insert(nodes: FlowNode[], edges: Edge[]): void;
  /** Puts the canvas back to `committed` after undo or redo moved it. */
  restore(): void;
  select(nodeId: string | null): void;
  markSaved(rev: number): void;
  setProblems(problems: ValidationProblem[]): void;
  setStats(stats: StatsSnapshot | null): void;
  setSnap(snap: boolean): void;
  setTrace(trace: TestRunTrace | null): void;
}

// Dragging, selecting and measuring change nodes constantly but never the journey's meaning.
const cosmetic = new Set(['position', 'select', 'dimensions']);

const emptyMeta: JourneyMeta = { format: 'journey/v1', id: '', name: '', entry: { reentry: 'never' } };
const emptySnapshot: Snapshot = { meta: emptyMeta, nodes: [], edges: [] };

export const useEditor = create<EditorState>()(
  temporal(
    (set, get) => {
      /** Applies a meaningful edit: validates, marks dirty and (unless coalesced) records an undo step. */
      const commit = (patch: Partial<Snapshot>, key?: string) => {
        const { meta, nodes, edges, rev } = get();
        const next = { meta, nodes, edges, ...patch };
        const record = shouldRecord(key);
        const history = useEditor.temporal.getState();
        if (!record) history.pause();
        set({ ...next, committed: next, dirty: true, rev: rev + 1, ...validated(next.meta, next.nodes, next.edges) });
        if (!record) history.resume();
      };

      return {
        journeyId: null,
        ...emptySnapshot,
        committed: emptySnapshot,
        dirty: false,
        rev: 0,
        loadSeq: 0,
        restoredSeq: 0,
        snap: true,
        trace: null,
        problems: [],
        nodeErrors: {},
        nodeErrorsZh: {},
        stats: null,
        statsBase: 0,

        load(journeyId, doc) {
          const { nodes: _n, edges: _e, ...meta } = doc;
          const flow = toFlow(doc);
          const snapshot = { meta, ...flow };
          set({ journeyId, ...snapshot, committed: snapshot, dirty: false, stats: null, trace: null, loadSeq: get().loadSeq + 1, ...validated(meta, flow.nodes, flow.edges) });
          useEditor.temporal.getState().clear();
        },

        onNodesChange(changes) {
          const { nodes, edges } = get();
          const next = applyNodeChanges(changes, nodes);
          const meaningful = changes.some((c) => !cosmetic.has(c.type));
          const moved = changes.some((c) => c.type === 'position' && c.dragging === false);
          if (!meaningful && !moved) {
            set({ nodes: next });
            return;
          }
          // Removing a node takes its edges with it, so the document never points at nothing.
          const alive = new Set(next.map((n) => n.id));
          const keptEdges = edges.filter((e) => alive.has(e.source) && alive.has(e.target));
          commit({ nodes: next, edges: keptEdges.length === edges.length ? edges : keptEdges });
        },

        onEdgesChange(changes) {
          const { edges } = get();
          const next = applyEdgeChanges(changes, edges);
          const same = next.length === edges.length && next.every((e, i) => e === edges[i]);
          if (changes.every((c) => c.type === 'select') || same) {
            set({ edges: next });
            return;
          }
          commit({ edges: next });
        },

        onConnect(connection) {
          const { edges } = get();
          if (connection.source === connection.target) return;
          const handle = connection.sourceHandle || DEFAULT_HANDLE;
          // A handle leads to exactly one place: reconnecting it replaces the old edge.
          const others = edges.filter((e) => !(e.source === connection.source && (e.sourceHandle || DEFAULT_HANDLE) === handle));
          const next = addEdge(
            { id: edgeId(connection.source, handle, connection.target), source: connection.source, sourceHandle: handle, target: connection.target },
            others,
          );
          commit({ edges: next });
        },

        addNode(kind, position, onEdge) {
          const def = getNodeKind(kind);
          if (!def) return null;
          const { nodes, edges } = get();
          const id = nextNodeId(kind, new Set(nodes.map((n) => n.id)));
          const node: FlowNode = {
            id,
            type: 'journey',
            position,
            selected: true,
            data: { kind, config: structuredClone(def.defaultConfig) as Record<string, unknown> },
          };
          const out = def.hasInput && onEdge ? firstHandle(def, node.data.config) : undefined;
          const spliced = out ? spliceEdge(edges, onEdge!, id, out) : null;
          const entry = defaultEntryFor(kind, get().meta.entry);
          commit({
            nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
            ...(spliced ? { edges: spliced } : {}),
            ...(entry ? { meta: { ...get().meta, entry } } : {}),
          });
          return id;
        },

        updateConfig(nodeId, config) {
          const next = get().nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, config } } : n));
          commit({ nodes: next }, `config:${nodeId}`);
        },

        updateMeta(patch) {
          commit({ meta: { ...get().meta, ...patch } }, `meta:${Object.keys(patch).join(',')}`);
        },

        removeNode(nodeId) {
          get().onNodesChange([{ type: 'remove', id: nodeId }]);
        },

        replaceDocument(doc) {
          const { nodes: _n, edges: _e, ...meta } = doc;
          commit({ meta: { ...meta, id: get().meta.id }, ...toFlow(doc) });
          set({ trace: null, loadSeq: get().loadSeq + 1, restoredSeq: get().restoredSeq + 1 });
        },

        setPositions(positions) {
          commit({ nodes: get().nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] } : n)) });
        },

        insert(nodes, edges) {
          const state = get();
          commit({
            nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
            edges: [...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
          });
        },

        restore() {
          const { committed, nodes, rev, restoredSeq } = get();
          const current = new Map(nodes.map((n) => [n.id, n]));
          // Keep what React Flow measured and what is selected, so nodes do not flicker.
          const restored = committed.nodes.map((n) => {
            const cur = current.get(n.id);
            return { ...n, selected: cur?.selected ?? false, ...(cur?.measured ? { measured: cur.measured } : {}) };
          });
          set({
            meta: committed.meta,
            nodes: restored,
            edges: committed.edges,
            dirty: true,
            rev: rev + 1,
            restoredSeq: restoredSeq + 1,
            ...validated(committed.meta, restored, committed.edges),
          });
        },

        select(nodeId) {
          set({
            nodes: get().nodes.map((n) => (n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
            edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
          });
        },

        markSaved(rev) {
          // Edits made while the save was in flight keep the editor dirty.
          if (get().rev === rev) set({ dirty: false });
        },

        setProblems(problems) {
          set(indexProblems(problems));
        },

        setStats(stats) {
          if (!stats) return set({ stats, statsBase: 0 });
          const triggers = get().nodes.filter((n) => getNodeKind(n.data.kind)?.category === 'trigger');
          const entered = triggers.reduce((sum, n) => sum + (stats.nodes[n.id]?.entered ?? 0), 0);
          set({ stats, statsBase: entered || stats.totals.enrolled });
        },

        setSnap(snap) {
          set({ snap });
        },

        setTrace(trace) {
          set({ trace });
        },
      };
    },
    {
      // Only `committed` is history: drag frames, selection and measuring never become undo steps.
      partialize: (s) => ({ committed: s.committed }),
      equality: (a, b) => a.committed === b.committed,
      limit: 100,
    },
  ),
);

function firstHandle(def: NonNullable<ReturnType<typeof getNodeKind>>, config: Record<string, unknown>): string | undefined {
  try {
    return def.handles(config)[0]?.id;
  } catch {
    return undefined;
  }
}

export function currentDocument(): JourneyDocument {
  const { meta, nodes, edges } = useEditor.getState();
  return toDocument(meta, nodes, edges);
}

/**
 * Anniversaries and holidays come back every year: a journey that still has the untouched default re-entry
 * ("never") would reach each member once in a lifetime. Dropping such a trigger sets "always" with a minimum
 * interval instead (a birthday once a year; a scheduled run at most daily). A re-entry already chosen stays.
 */
export function defaultEntryFor(kind: string, entry: JourneyMeta['entry'] | undefined): JourneyMeta['entry'] | null {
  const minInterval = getNodeKind(kind)?.reentryDefault?.minInterval ?? null;
  if (!minInterval) return null;
  const untouched = !entry || ((entry.reentry ?? 'never') === 'never' && !entry.minInterval && !entry.maxEntries);
  return untouched ? { ...entry, reentry: 'always', minInterval } : null;
}
