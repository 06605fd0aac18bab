import { getNodeKind, type JourneyDocument } from '@/journey';
import type { Db } from '@/db/client';
import { membersWithEventSince } from '@/db/publish-requests';
import { previewAudience } from './audiences';

export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  nodeId: string;
  kind: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

/** What an approver reads before a version goes live: the change node by node, whom it reaches, what it sends and spends. */
export interface PublishReview {
  nodes: NodeChange[];
  settings: FieldChange[];
  edgesChanged: boolean;
  audience: { basis: 'event_last_7_days' | 'segment_now' | 'all_members'; event?: string; members: number };
  channels: string[];
  rewards: { nodeId: string; reward: unknown; budget: unknown }[];
}

const DAY = 24 * 3600_000;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Top-level keys whose values differ, with both values (nested values compared whole). */
function fieldChanges(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => !same(before[k], after[k])).map((key) => ({ key, before: before[key] ?? null, after: after[key] ?? null }));
}

export function publishReview(db: Db, live: JourneyDocument | null, next: JourneyDocument, now: number): PublishReview {
  const old = new Map((live?.nodes ?? []).map((n) => [n.id, n]));
  const nodes: NodeChange[] = [];
  for (const n of next.nodes) {
    const prev = old.get(n.id);
    const config = (n.config ?? {}) as Record<string, unknown>;
    if (!prev) nodes.push({ nodeId: n.id, kind: n.kind, change: 'added', fields: fieldChanges({}, config) });
    else {
      const fields = [...(prev.kind !== n.kind ? [{ key: 'kind', before: prev.kind, after: n.kind }] : []), ...fieldChanges((prev.config ?? {}) as Record<string, unknown>, config)];
      if (fields.length) nodes.push({ nodeId: n.id, kind: n.kind, change: 'changed', fields });
    }
    old.delete(n.id);
  }
  for (const n of old.values()) nodes.push({ nodeId: n.id, kind: n.kind, change: 'removed', fields: fieldChanges((n.config ?? {}) as Record<string, unknown>, {}) });
  const pick = (d: JourneyDocument | null) => (d ? { name: d.name, entry: d.entry, goal: d.goal, exitWhen: d.exitWhen, policy: d.policy } : {});
  const settings = fieldChanges(pick(live), pick(next));
  const edgesChanged = !same(live?.edges ?? [], next.edges);

  const trigger = next.nodes.find((n) => getNodeKind(n.kind)?.category === 'trigger');
  const config = (trigger?.config ?? {}) as { event?: string; segment?: string; condition?: unknown };
  // An event-driven trigger reaches about as many members as did its event lately.
  const startEvent = trigger ? getNodeKind(trigger.kind)?.listensTo?.(config)[0]?.event : undefined;
  let audience: PublishReview['audience'];
  if (startEvent) {
    audience = { basis: 'event_last_7_days', event: startEvent, members: membersWithEventSince(db, startEvent, now - 7 * DAY) };
  } else if (config.segment || config.condition) {
    const condition = (config.segment ? { segment: config.segment } : config.condition) as Parameters<typeof previewAudience>[1];
    audience = { basis: 'segment_now', members: previewAudience(db, condition, now).matching };
  } else {
    audience = { basis: 'all_members', members: previewAudience(db, { all: [] }, now).members };
  }
  const channels = [...new Set(next.nodes.flatMap((n) => getNodeKind(n.kind)?.sends?.(n.config ?? {}).channel ?? []))].sort();
  const rewards = next.nodes.flatMap((n) => {
    const granted = getNodeKind(n.kind)?.grants?.(n.config ?? {});
    return granted ? [{ nodeId: n.id, ...granted }] : [];
  });
  return { nodes, settings, edgesChanged, audience, channels, rewards };
}
