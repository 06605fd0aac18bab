import type { Edge, Node } from '@xyflow/react';
import { DEFAULT_HANDLE, getNodeKind, validateJourney, type JourneyDocument, type ValidationProblem } from '@/journey';

export interface JourneyNodeData extends Record<string, unknown> {
  kind: string;
  config: Record<string, unknown>;
  label?: string;
}
export type FlowNode = Node<JourneyNodeData, 'journey'>;
export type JourneyMeta = Omit<JourneyDocument, 'nodes' | 'edges'>;

// Readable ids make documents and analytics easier to talk about ("msg1", "ab2"); a kind may name its own prefix.
function idPrefix(kind: string): string {
  return getNodeKind(kind)?.idPrefix ?? ((kind.split('.').pop() ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'node');
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

/**
 * `edges` with the edge `splitId` (source→target) replaced by source→node (same handle) and
 * node→target (the node's `outHandle`), or null when there is no such edge.
 */
export function spliceEdge(edges: Edge[], splitId: string, nodeId: string, outHandle: string): Edge[] | null {
  const old = edges.find((e) => e.id === splitId);
  if (!old || old.source === nodeId || old.target === nodeId) return null;
  const handle = old.sourceHandle || DEFAULT_HANDLE;
  return [
    ...edges.filter((e) => e !== old),
    { id: edgeId(old.source, handle, nodeId), source: old.source, sourceHandle: handle, target: nodeId },
    { id: edgeId(nodeId, outHandle, old.target), source: nodeId, sourceHandle: outHandle, target: old.target },
  ];
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

export function indexProblems(problems: ValidationProblem[]) {
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

export function validated(meta: JourneyMeta, nodes: FlowNode[], edges: Edge[]) {
  return indexProblems(validateJourney(toDocument(meta, nodes, edges)));
}

/**
 * Copies of `nodes` (and the edges between them) under fresh ids, shifted by `offset`,
 * so pasting never collides with what is already on the canvas.
 */
export function cloneFragment(
  nodes: FlowNode[],
  edges: Edge[],
  existing: FlowNode[],
  offset: { x: number; y: number },
): { nodes: FlowNode[]; edges: Edge[] } {
  const taken = new Set(existing.map((n) => n.id));
  const ids = new Map<string, string>();
  const copies = nodes.map((n) => {
    const id = nextNodeId(n.data.kind, taken);
    taken.add(id);
    ids.set(n.id, id);
    return {
      id,
      type: 'journey' as const,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
      selected: true,
      data: structuredClone(n.data),
    };
  });
  const links = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => {
      const source = ids.get(e.source)!;
      const target = ids.get(e.target)!;
      const handle = e.sourceHandle || DEFAULT_HANDLE;
      return { id: edgeId(source, handle, target), source, sourceHandle: handle, target };
    });
  return { nodes: copies, edges: links };
}
