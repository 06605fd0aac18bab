import { nodeKinds, type JourneyDocument, type JourneyEdge, type JourneyNode, type NodeKindDef } from '@/journey';

/** A node kind a generated journey may use: a valid config for a random number, and the handles it then has. */
export interface PaletteEntry {
  kind: string;
  config(n: number): Record<string, unknown>;
  handles(config: Record<string, unknown>): string[];
  /** A wait that a generated loop may lead back to. */
  loopTarget: boolean;
}

/**
 * The palette of generated journeys, from the registry: every kind that sits inside a journey (not a
 * trigger, not the end), each with its own example configs. A kind registered later (a test fixture)
 * joins by itself. `keep` narrows it (e.g. the differential test leaves out some kinds).
 */
export function registryPalette(keep: (def: NodeKindDef) => boolean = () => true, loopTo: (def: NodeKindDef) => boolean = () => true): PaletteEntry[] {
  return nodeKinds
    .filter((def) => def.category !== 'trigger' && def.handles(def.defaultConfig).length > 0 && keep(def))
    .map((def) => ({
      kind: def.kind,
      config: (n) => structuredClone(def.examples[n % def.examples.length]),
      handles: (config) => def.handles(config).map((h) => h.id),
      loopTarget: !!def.isWait && loopTo(def),
    }));
}

/** Builds a valid journey from random choices: a tree below an event trigger, plus loops back to waits. */
export function buildJourney(choices: number[], palette: PaletteEntry[], triggerEvent = 'member_joined'): JourneyDocument {
  const nodes: JourneyNode[] = [{ id: 't', kind: 'trigger.event', config: { event: triggerEvent } }];
  const edges: JourneyEdge[] = [];
  const waits: string[] = [];
  let i = 0;
  const next = () => choices[i++ % choices.length];
  const grow = (source: string, handle: string, depth: number) => {
    const c = next();
    if (depth > 4 || c % 5 === 0 || nodes.length > 30) {
      // Close the path with an end, or now and then loop back to an earlier wait (the one being left too).
      if (waits.length && c % 7 === 1) edges.push({ source, sourceHandle: handle, target: waits[c % waits.length] });
      else {
        const id = `end${nodes.length}`;
        nodes.push({ id, kind: 'end' });
        edges.push({ source, sourceHandle: handle, target: id });
      }
      return;
    }
    const pick = palette[c % palette.length];
    const id = `n${nodes.length}`;
    const config = pick.config(next());
    nodes.push({ id, kind: pick.kind, config });
    edges.push({ source, sourceHandle: handle, target: id });
    if (pick.loopTarget) waits.push(id);
    for (const h of pick.handles(config)) grow(id, h, depth + 1);
  };
  grow('t', 'out', 0);
  return { format: 'journey/v1', id: 'gen', name: 'Generated', entry: { reentry: 'always' }, nodes, edges };
}
