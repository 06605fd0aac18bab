import type { Edge } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import { DEFAULT_HANDLE, getNodeKind } from '@/journey';
import type { FlowNode } from '@/stores/editor';

const DEFAULT_SIZE = { width: 200, height: 90 };
const GRID = 20;

function handleIds(node: FlowNode): string[] {
  const def = getNodeKind(node.data.kind);
  if (!def) return [DEFAULT_HANDLE];
  try {
    return def.handles(node.data.config).map((h) => h.id);
  } catch {
    return [DEFAULT_HANDLE];
  }
}

/**
 * Top-down layered layout (ELK). Each output handle is a port in a fixed
 * order along the node's bottom, so "yes" stays left of "no" and variants
 * keep their order. Loaded on demand: ELK is large and only needed here.
 */
export async function layoutJourney(nodes: FlowNode[], edges: Edge[]): Promise<Record<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '50',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => {
      const handles = handleIds(n);
      return {
        id: n.id,
        width: n.measured?.width ?? DEFAULT_SIZE.width,
        height: n.measured?.height ?? DEFAULT_SIZE.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${n.id}::in`, layoutOptions: { 'elk.port.side': 'NORTH' } },
          // Ports are ordered clockwise: along the bottom edge that is right to left.
          ...handles.map((h, i) => ({ id: `${n.id}::${h}`, layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(handles.length - 1 - i) } })),
        ],
      };
    }),
  };
  const ports = new Set(graph.children!.flatMap((c) => (c.ports ?? []).map((p) => p.id)));
  const port = (id: string, node: string) => (ports.has(id) ? id : node);
  graph.edges = edges.map((e) => ({
    id: e.id,
    sources: [port(`${e.source}::${e.sourceHandle || DEFAULT_HANDLE}`, e.source)],
    targets: [port(`${e.target}::in`, e.target)],
  }));
  const result = await elk.layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const c of result.children ?? []) {
    positions[c.id] = { x: Math.round((c.x ?? 0) / GRID) * GRID, y: Math.round((c.y ?? 0) / GRID) * GRID };
  }
  return positions;
}
