/**
 * A valid journey of `size` nodes for scale tests: a trigger, a splitter fanning out into
 * ten lanes, and each lane a chain of messages, waits and tags ending in an end node.
 * Laid out as a grid so the whole journey fits the canvas when fitted.
 */
export function bigJourney(size: number) {
  const lanes = 10;
  const perLane = size - 2;
  const nodes: { id: string; kind: string; config?: Record<string, unknown>; position: { x: number; y: number } }[] = [
    { id: 'trigger', kind: 'trigger.event', config: { event: 'member_joined' }, position: { x: 1080, y: 0 } },
    { id: 'split', kind: 'split.random', config: { paths: Array.from({ length: lanes }, (_, i) => ({ key: `p${i}`, weight: 1 })) }, position: { x: 1080, y: 150 } },
  ];
  const edges: { source: string; sourceHandle?: string; target: string }[] = [{ source: 'trigger', target: 'split' }];
  for (let lane = 0; lane < lanes; lane++) {
    // Spread the remaining nodes over the lanes; the first lanes take one more when it does not divide.
    const length = Math.floor(perLane / lanes) + (lane < perLane % lanes ? 1 : 0);
    let previous = { id: 'split', handle: `p${lane}` };
    for (let step = 0; step < length; step++) {
      const id = `n${lane}_${step}`;
      const last = step === length - 1;
      const kind = last ? 'end' : ['action.message', 'wait.duration', 'action.tag'][step % 3];
      const config =
        kind === 'action.message' ? { channel: 'sms', template: `Lane ${lane} step ${step}` } : kind === 'wait.duration' ? { duration: 'P1D' } : kind === 'action.tag' ? { add: [`lane${lane}`] } : undefined;
      nodes.push({ id, kind, ...(config ? { config } : {}), position: { x: lane * 240, y: 300 + step * 150 } });
      edges.push({ source: previous.id, ...(previous.handle === 'out' ? {} : { sourceHandle: previous.handle }), target: id });
      previous = { id, handle: 'out' };
    }
  }
  return { format: 'journey/v1', id: 'scale', name: `Scale test ${size} nodes`, entry: { reentry: 'never' }, nodes, edges };
}
