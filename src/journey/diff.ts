import { canonicalJson } from './hash';
import type { JourneyDocument } from './document';

export interface JourneyDiff {
  added: string[];
  removed: string[];
  /** Nodes whose kind or configuration changed. */
  changed: string[];
  edgesChanged: boolean;
  settingsChanged: boolean;
}

/** What publishing `next` would change compared with `live` (node positions do not count). */
export function diffJourneys(live: JourneyDocument | null, next: JourneyDocument): JourneyDiff {
  const before = new Map((live?.nodes ?? []).map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const edgeKey = (d: JourneyDocument | null) => (d?.edges ?? []).map((e) => `${e.source}:${e.sourceHandle || 'out'}>${e.target}`).sort();
  const settings = (d: JourneyDocument | null) => (d ? { entry: d.entry, goal: d.goal, exitWhen: d.exitWhen, policy: d.policy, name: d.name } : null);
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [...after.values()]
      .filter((n) => before.has(n.id) && !(before.get(n.id)!.kind === n.kind && same(before.get(n.id)!.config ?? {}, n.config ?? {})))
      .map((n) => n.id),
    edgesChanged: !same(edgeKey(live), edgeKey(next)),
    settingsChanged: !same(settings(live), settings(next)),
  };
}
