/** The measured version's nodes and edges, as the report returns them. */
export interface PathGraph {
  nodes: { id: string; kind: string }[];
  edges: { source: string; target: string }[];
}

/**
 * Nodes reachable from `nodeId` by following edges forward, nearest first
 * (breadth-first). `nodeId` itself is included only when a loop leads back to it.
 */
export function downstream(graph: PathGraph, nodeId: string): string[] {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const order: string[] = [];
  const queue = [...(next.get(nodeId) ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    queue.push(...(next.get(id) ?? []));
  }
  return order;
}

/** Node ids a step may take: any node first, then nodes downstream of the step before. */
export function stepOptions(graph: PathGraph, steps: string[], index: number): string[] {
  return index === 0 ? graph.nodes.map((n) => n.id) : downstream(graph, steps[index - 1]);
}

/**
 * Sets step `index` and keeps the later steps for as long as each is still
 * downstream of the one before it.
 */
export function changeStep(graph: PathGraph, steps: string[], index: number, nodeId: string): string[] {
  const out = [...steps.slice(0, index), nodeId];
  for (const later of steps.slice(index + 1)) {
    if (!downstream(graph, out[out.length - 1]).includes(later)) break;
    out.push(later);
  }
  return out;
}

/** `?path=trigger,wait_order,done`: node ids never contain commas. */
export function pathFromParam(value: string | null): string[] {
  return (value ?? '').split(',').filter(Boolean);
}
