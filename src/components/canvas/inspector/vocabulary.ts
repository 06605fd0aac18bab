import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/root';
import { getNodeKind, type JourneyDocument } from '@/journey';

/** Behaviour events every brand sends (REQUIREMENTS.md, 行为事件). */
export const standardEvents = [
  'signup', 'member_joined', 'order_paid', 'cart_add', 'checkout_started', 'page_view', 'product_view', 'coupon_redeemed',
  'store_visit', 'sign_in', 'review_posted', 'wechat_bound', 'profile_completed', 'unsubscribed', 'tier_changed',
] as const;

/** Member profile fields conditions can read; custom ones live under `attributes.`. */
export const memberAttributes = [
  'tier', 'points', 'growth', 'storedValue', 'city', 'gender', 'birthday', 'joinDate', 'joinChannel', 'store', 'associate', 'tz', 'attributes.rfm',
] as const;

/** Properties the standard events carry; an event filter (`where`) tests these. */
export const standardEventProperties: Record<string, readonly string[]> = {
  order_paid: ['properties.amount'],
  checkout_started: ['properties.cartValue'],
  tier_changed: ['properties.direction'],
};

export const dateAttributes = ['birthday', 'joinDate'] as const;
export const tiers = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const timeZones = [
  'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Asia/Seoul', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'UTC',
] as const;

/** What the workspace really has (the `members.vocabulary` query): its segments, groups, tags, events, attributes and event properties. */
export type WorkspaceVocabulary = inferRouterOutputs<AppRouter>['members']['vocabulary'];

/** Names the pickers offer: the standard ones, the workspace's own, and whatever this journey already uses. */
export interface Vocabulary {
  events: string[];
  /** Events the workspace knows (standard ones and those it has received); null until the workspace's list has loaded. */
  knownEvents: string[] | null;
  attributes: string[];
  dateAttributes: string[];
  tags: string[];
  segments: string[];
  groups: string[];
  tiers: string[];
  timeZones: string[];
  /** Property paths by event type, for event filters: standard ones, the workspace's, and those this journey tests. */
  eventProperties: Record<string, string[]>;
  /** Hints shown beside a name in the pickers: a segment's display name, a group's or tag's member count. */
  hints: { segmentNames: Record<string, string>; groupSizes: Record<string, number>; tagSizes: Record<string, number> };
}

function merge(known: readonly string[], found: Set<string>): string[] {
  const extra = [...found].filter((x) => x && !known.includes(x)).sort();
  return [...known, ...extra];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function collectVocabulary(doc: Pick<JourneyDocument, 'nodes' | 'goal' | 'exitWhen'>, workspace?: WorkspaceVocabulary): Vocabulary {
  const found = {
    events: new Set<string>(workspace?.events),
    attributes: new Set<string>(workspace?.attributes),
    tags: new Set<string>(workspace?.tags.map((t) => t.tag)),
    segments: new Set<string>(workspace?.segments.map((s) => s.id)),
    groups: new Set<string>(workspace?.groups.map((g) => g.id)),
  };
  const properties = new Map<string, Set<string>>();
  const addProperty = (event: string, path: string) => (properties.get(event) ?? properties.set(event, new Set()).get(event)!).add(path);
  for (const [event, paths] of Object.entries(workspace?.eventProperties ?? {})) paths.forEach((p) => addProperty(event, p));

  // Conditions nest anywhere in a config; their leaves name events, attributes, tags and segments.
  // `inEvent` names the event whose `where` we are in: there attribute paths read that event, not the member.
  const walk = (value: unknown, inEvent: string | null) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, inEvent));
    if (!value || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.event === 'string') found.events.add(o.event);
    if (typeof o.attr === 'string') {
      if (inEvent === null) found.attributes.add(o.attr);
      else addProperty(inEvent, o.attr);
    }
    if (typeof o.tag === 'string') found.tags.add(o.tag);
    if (typeof o.segment === 'string') found.segments.add(o.segment);
    for (const [key, v] of Object.entries(o)) walk(v, key === 'where' && typeof o.event === 'string' ? o.event : inEvent);
  };

  for (const node of doc.nodes) {
    const config = (node.config ?? {}) as Record<string, unknown>;
    walk(config, null);
    // Names a node sets rather than tests (a tag it adds, a group it fills): its kind says which.
    const own = getNodeKind(node.kind)?.pickerNames?.(config);
    strings(own?.tags).forEach((t) => found.tags.add(t));
    strings(own?.groups).forEach((g) => found.groups.add(g));
  }
  walk(doc.goal ?? null, null);
  walk(doc.exitWhen ?? null, null);

  return {
    events: merge(standardEvents, found.events),
    // Not the journey's own names: a misspelt goal (order_payed) must not vouch for itself.
    knownEvents: workspace ? merge(standardEvents, new Set(workspace.events)) : null,
    attributes: merge(memberAttributes, found.attributes),
    dateAttributes: [...dateAttributes],
    tags: merge(['vip'], found.tags),
    // A condition's segment id may also name a static group (客群), so both lists offer both.
    segments: merge([], new Set([...found.segments, ...found.groups])),
    groups: merge([], new Set([...found.groups, ...found.segments])),
    tiers: [...tiers],
    timeZones: [...timeZones],
    eventProperties: Object.fromEntries(
      [...new Set([...Object.keys(standardEventProperties), ...properties.keys()])].map((event) => [
        event,
        merge(standardEventProperties[event] ?? [], properties.get(event) ?? new Set()),
      ]),
    ),
    hints: {
      segmentNames: Object.fromEntries((workspace?.segments ?? []).map((s) => [s.id, s.name])),
      groupSizes: Object.fromEntries((workspace?.groups ?? []).map((g) => [g.id, g.members])),
      tagSizes: Object.fromEntries((workspace?.tags ?? []).map((t) => [t.tag, t.members])),
    },
  };
}
