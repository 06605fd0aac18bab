import type { Edge } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import { DEFAULT_HANDLE, getNodeKind } from '@/journey';
import type { FlowNode } from '@/stores/editor';

const DEFAULT_SIZE = { width: 240, height: 110 };
const GRID = 20;
export const NODE_GAP = 60;
export const LAYER_GAP = 90;
/** How much taller a node gets with the analytics overlay on (counts row; variants on A/B splits). */
export const ANALYTICS_RESERVE = 64;

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
 * Top-down layered layout (ELK). Each output handle is a port at its drawn
 * position along the node's bottom, so "yes" stays left of "no", variants
 * keep their order and no child lands on a parent's handles or labels.
 * Loaded on demand: ELK is large and only needed here.
 */
export async function layoutJourney(
  nodes: FlowNode[],
  edges: Edge[],
  /** Extra height to keep free under each node: the analytics rows a node grows by when the overlay is turned on later. */
  reserve = 0,
): Promise<Record<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': String(NODE_GAP),
      // Room between layers for the edge's count label and the handle labels under a split.
      'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
      'elk.layered.spacing.edgeNodeBetweenLayers': '30',
      'elk.spacing.edgeNode': '30',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => {
      const handles = handleIds(n);
      const width = n.measured?.width ?? DEFAULT_SIZE.width;
      const height = (n.measured?.height ?? DEFAULT_SIZE.height) + reserve;
      return {
        id: n.id,
        width,
        height,
        // Ports sit exactly where the node draws its handles (evenly spaced along the bottom), so ELK
        // routes and spaces children against the real handle positions, not positions of its own.
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          { id: `${n.id}::in`, x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
          ...handles.map((h, i) => ({
            id: `${n.id}::${h}`,
            x: handleX(width, i, handles.length),
            y: height,
            width: 1,
            height: 1,
            layoutOptions: { 'elk.port.side': 'SOUTH' },
          })),
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
    // Snapped to the grid: each node moves at most GRID/2, so gaps stay ≥ NODE_GAP − GRID.
    positions[c.id] = { x: Math.round((c.x ?? 0) / GRID) * GRID, y: Math.round((c.y ?? 0) / GRID) * GRID };
  }
  return positions;
}

/** Where the node draws handle i of n along its bottom edge (see JourneyNode). */
export function handleX(width: number, i: number, n: number): number {
  return ((i + 0.5) / n) * width;
}
