import { create } from 'zustand';
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import {
  DEFAULT_HANDLE,
  getNodeKind,
  validateJourney,
  type JourneyDocument,
  type ValidationProblem,
} from '@/journey';

export interface JourneyNodeData extends Record<string, unknown> {
  kind: string;
  config: Record<string, unknown>;
  label?: string;
}
export type FlowNode = Node<JourneyNodeData, 'journey'>;
export type JourneyMeta = Omit<JourneyDocument, 'nodes' | 'edges'>;
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

interface EditorState {
  journeyId: string | null;
  meta: JourneyMeta;
  nodes: FlowNode[];
  edges: Edge[];
  dirty: boolean;
  /** Bumped on every edit, so a finished save knows whether it is still current. */
  rev: number;
  problems: ValidationProblem[];
  /** First problem per node, so each node subscribes to one string. */
  nodeErrors: Record<string, string>;
  nodeErrorsZh: Record<string, string>;
  stats: StatsSnapshot | null;
  load(journeyId: string, doc: JourneyDocument): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  onConnect(connection: Connection): void;
  addNode(kind: string, position: { x: number; y: number }): string | null;
  updateConfig(nodeId: string, config: Record<string, unknown>): void;
  updateMeta(patch: Partial<JourneyMeta>): void;
  removeNode(nodeId: string): void;
  select(nodeId: string | null): void;
  markSaved(rev: number): void;
  setProblems(problems: ValidationProblem[]): void;
  setStats(stats: StatsSnapshot | null): void;
}

// Readable ids make documents and analytics easier to talk about ("msg1", "ab2").
const idPrefixes: Record<string, string> = {
  'trigger.event': 'trigger',
  'wait.duration': 'wait',
  'wait.event': 'waitev',
  'branch.attribute': 'branch',
  'split.ab': 'ab',
  'action.message': 'msg',
  'action.reward': 'reward',
  end: 'end',
};

function idPrefix(kind: string): string {
  return idPrefixes[kind] ?? ((kind.split('.').pop() ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'node');
}

export function nextNodeId(kind: string, taken: Set<string>): string {
  const prefix = idPrefix(kind);
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function edgeId(source: string, sourceHandle: string, target: string): string {
  return `e-${source}-${sourceHandle}-${target}`;
}

export function toFlow(doc: JourneyDocument): { nodes: FlowNode[]; edges: Edge[] } {
  const nodes: FlowNode[] = doc.nodes.map((n, i) => ({
    id: n.id,
    type: 'journey',
    // Documents written by hand may lack positions: stack them so none overlap.
    position: n.position ?? { x: 0, y: i * 140 },
    data: { kind: n.kind, config: (n.config ?? {}) as Record<string, unknown>, ...(n.label ? { label: n.label } : {}) },
  }));
  const edges: Edge[] = doc.edges.map((e) => {
    const handle = e.sourceHandle || DEFAULT_HANDLE;
    return { id: e.id ?? edgeId(e.source, handle, e.target), source: e.source, sourceHandle: handle, target: e.target };
  });
  return { nodes, edges };
}

export function toDocument(meta: JourneyMeta, nodes: FlowNode[], edges: Edge[]): JourneyDocument {
  return {
    ...meta,
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      config: n.data.config,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.data.label ? { label: n.data.label } : {}),
    })),
    edges: edges.map((e) => ({
      source: e.source,
      ...(e.sourceHandle && e.sourceHandle !== DEFAULT_HANDLE ? { sourceHandle: e.sourceHandle } : {}),
      target: e.target,
    })),
  };
}

function indexProblems(problems: ValidationProblem[]) {
  const nodeErrors: Record<string, string> = {};
  const nodeErrorsZh: Record<string, string> = {};
  for (const p of problems) {
    if (p.nodeId && !(p.nodeId in nodeErrors)) {
      nodeErrors[p.nodeId] = p.message;
      nodeErrorsZh[p.nodeId] = p.messageZh;
    }
  }
  return { problems, nodeErrors, nodeErrorsZh };
}

function validated(meta: JourneyMeta, nodes: FlowNode[], edges: Edge[]) {
  return indexProblems(validateJourney(toDocument(meta, nodes, edges)));
}

// Dragging, selecting and measuring change nodes constantly but never the journey's meaning.
const cosmetic = new Set(['position', 'select', 'dimensions']);

const touched = (rev: number) => ({ dirty: true, rev: rev + 1 });

const emptyMeta: JourneyMeta = { format: 'journey/v1', id: '', name: '', entry: { reentry: 'never' } };

export const useEditor = create<EditorState>()((set, get) => ({
  journeyId: null,
  meta: emptyMeta,
  nodes: [],
  edges: [],
  dirty: false,
  rev: 0,
  problems: [],
  nodeErrors: {},
  nodeErrorsZh: {},
  stats: null,

  load(journeyId, doc) {
    const { nodes: _n, edges: _e, ...meta } = doc;
    const flow = toFlow(doc);
    set({ journeyId, meta, ...flow, dirty: false, stats: null, ...validated(meta, flow.nodes, flow.edges) });
  },

  onNodesChange(changes) {
    const { meta, nodes, edges } = get();
    const next = applyNodeChanges(changes, nodes);
    const meaningful = changes.some((c) => !cosmetic.has(c.type));
    const moved = changes.some((c) => c.type === 'position' && c.dragging === false);
    if (!meaningful) {
      set({ nodes: next, ...(moved ? touched(get().rev) : {}) });
      return;
    }
    // Removing a node takes its edges with it, so the document never points at nothing.
    const alive = new Set(next.map((n) => n.id));
    const keptEdges = edges.filter((e) => alive.has(e.source) && alive.has(e.target));
    set({ nodes: next, edges: keptEdges, ...touched(get().rev), ...validated(meta, next, keptEdges) });
  },

  onEdgesChange(changes) {
    const { meta, nodes, edges } = get();
    const next = applyEdgeChanges(changes, edges);
    if (changes.every((c) => c.type === 'select')) {
      set({ edges: next });
      return;
    }
    set({ edges: next, ...touched(get().rev), ...validated(meta, nodes, next) });
  },

  onConnect(connection) {
    const { meta, nodes, edges } = get();
    if (connection.source === connection.target) return;
    const handle = connection.sourceHandle || DEFAULT_HANDLE;
    // A handle leads to exactly one place: reconnecting it replaces the old edge.
    const others = edges.filter((e) => !(e.source === connection.source && (e.sourceHandle || DEFAULT_HANDLE) === handle));
    const next = addEdge(
      { id: edgeId(connection.source, handle, connection.target), source: connection.source, sourceHandle: handle, target: connection.target },
      others,
    );
    set({ edges: next, ...touched(get().rev), ...validated(meta, nodes, next) });
  },

  addNode(kind, position) {
    const def = getNodeKind(kind);
    if (!def) return null;
    const { meta, nodes, edges } = get();
    const id = nextNodeId(kind, new Set(nodes.map((n) => n.id)));
    const node: FlowNode = {
      id,
      type: 'journey',
      position,
      selected: true,
      data: { kind, config: structuredClone(def.defaultConfig) as Record<string, unknown> },
    };
    const next = [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
    set({ nodes: next, ...touched(get().rev), ...validated(meta, next, edges) });
    return id;
  },

  updateConfig(nodeId, config) {
    const { meta, nodes, edges } = get();
    const next = nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, config } } : n));
    set({ nodes: next, ...touched(get().rev), ...validated(meta, next, edges) });
  },

  updateMeta(patch) {
    const { meta, nodes, edges } = get();
    const next = { ...meta, ...patch };
    set({ meta: next, ...touched(get().rev), ...validated(next, nodes, edges) });
  },

  removeNode(nodeId) {
    get().onNodesChange([{ type: 'remove', id: nodeId }]);
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
    set({ stats });
  },
}));

export function currentDocument(): JourneyDocument {
  const { meta, nodes, edges } = useEditor.getState();
  return toDocument(meta, nodes, edges);
}
