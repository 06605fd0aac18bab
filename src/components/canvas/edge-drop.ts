/** Finding the edge a palette node is dragged over, so dropping it there splices it in. */

const NEAR = 10;
// The pointer itself first, then a small cross around it: "near" an edge counts too.
const probes: [number, number][] = [
  [0, 0],
  [0, -NEAR],
  [0, NEAR],
  [-NEAR, 0],
  [NEAR, 0],
];

/** The id of the edge under or near a screen point inside `container`; points over a node do not count. */
export function edgeNear(container: HTMLElement | null, x: number, y: number): string | null {
  if (!container) return null;
  for (const [dx, dy] of probes) {
    const stack = document.elementsFromPoint(x + dx, y + dy);
    if (stack[0]?.closest('.react-flow__node')) continue;
    for (const el of stack) {
      if (!container.contains(el)) break;
      const edge = el.closest('.react-flow__edge');
      if (edge) return edge.getAttribute('data-id');
    }
  }
  return null;
}
