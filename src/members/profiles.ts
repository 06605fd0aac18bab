import type { Db } from '@/db/client';
import {
  addIdentities,
  addTags,
  identitiesOf,
  identityOwners,
  insertMembers,
  membersByIds,
  readSetting,
  removeIdentity,
  removeTags,
  tagsOf,
  updateMember,
  type IdentityType,
  type MemberRecord,
  type NewMemberRecord,
} from '@/db/member-store';
import type { FieldError, MemberProfile } from './profile-schema';

export const DEFAULT_TIERS = ['bronze', 'silver', 'gold', 'platinum'];
export const DEFAULT_TZ = 'Asia/Shanghai';

/** The workspace's tier ladder, lowest first (settings key `tiers`): it says whether a change is an upgrade. */
export function tierLadder(db: Db): string[] {
  const stored = readSetting<unknown>(db, 'tiers');
  return Array.isArray(stored) && stored.length && stored.every((t) => typeof t === 'string') ? (stored as string[]) : DEFAULT_TIERS;
}

/** An event a profile change emits, processed by the engine like any other. */
export interface ProfileEvent {
  memberId: string;
  type: 'tier_changed' | 'profile_updated';
  properties: Record<string, unknown>;
}

function tierChanged(ladder: string[], memberId: string, from: string, to: string): ProfileEvent {
  return { memberId, type: 'tier_changed', properties: { from, to, direction: ladder.indexOf(to) > ladder.indexOf(from) ? 'up' : 'down' } };
}

/** The event a tier change made elsewhere (an `action.asset` node) emits. */
export function tierChangeEvents(db: Db, memberId: string, from: string, to: string): ProfileEvent[] {
  return [tierChanged(tierLadder(db), memberId, from, to)];
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  events: ProfileEvent[];
}

const OTHER_IDENTITIES = ['wechatOpenId', 'wechatUnionId', 'deviceId'] as const;

/** The identities a profile names, with the value stored ('' for a field set to null). */
function identitiesIn(p: MemberProfile): [IdentityType, string | null][] {
  const out: [IdentityType, string | null][] = [];
  if (p.phone !== undefined) out.push(['phone', p.phone]);
  if (p.email !== undefined) out.push(['email', p.email]);
  for (const t of OTHER_IDENTITIES) if (p.identities?.[t] !== undefined) out.push([t, p.identities[t] ?? null]);
  return out;
}

/**
 * Problems a valid-looking profile still has against what is stored: an
 * erased member, a tier off the ladder, an identity another member owns.
 * `errors[i]` lists profile i's problems (fields prefixed by `prefix(i)`).
 */
export function checkProfiles(db: Db, profiles: MemberProfile[], prefix: (i: number) => string): FieldError[][] {
  const ladder = tierLadder(db);
  const stored = membersByIds(db, profiles.map((p) => p.id));
  const errors: FieldError[][] = profiles.map(() => []);
  const field = (i: number, f: string) => (prefix(i) ? `${prefix(i)}.${f}` : f);
  profiles.forEach((p, i) => {
    if (stored.get(p.id)?.erasedAt != null) errors[i].push({ field: field(i, 'id'), message: `Member "${p.id}" was erased; use a new id` });
    if (p.tier !== undefined && !ladder.includes(p.tier)) errors[i].push({ field: field(i, 'tier'), message: `tier "${p.tier}" is not one of ${ladder.join(', ')}` });
  });
  // One identity = one member: across stored members and within the request.
  const byType = new Map<IdentityType, Map<string, number>>();
  profiles.forEach((p, i) => {
    for (const [type, value] of identitiesIn(p)) {
      if (value === null) continue;
      const seen = byType.get(type) ?? byType.set(type, new Map()).get(type)!;
      const first = seen.get(value);
      if (first !== undefined && profiles[first].id !== p.id) errors[i].push({ field: field(i, identityField(type)), message: `${type} is also given to member "${profiles[first].id}" in this request` });
      else seen.set(value, i);
    }
  });
  for (const [type, values] of byType) {
    const owners = identityOwners(db, type, [...values.keys()]);
    for (const [value, i] of values) {
      const owner = owners.get(value);
      if (owner !== undefined && owner !== profiles[i].id) errors[i].push({ field: field(i, identityField(type)), message: `${type} already belongs to member "${owner}"` });
    }
  }
  return errors;
}

function identityField(type: IdentityType): string {
  return type === 'phone' || type === 'email' ? type : `identities.${type}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Column values a profile sets, with `null` clearing and attributes / consent merged into what is stored. */
function columnChanges(p: MemberProfile, m: MemberRecord | undefined): Partial<NewMemberRecord> {
  const c: Partial<NewMemberRecord> = {};
  const simple = ['name', 'phone', 'email', 'gender', 'birthday', 'city', 'store', 'associate', 'tier', 'points', 'growth', 'storedValue', 'tz', 'joinChannel'] as const;
  for (const f of simple) if (p[f] !== undefined) (c as Record<string, unknown>)[f] = f === 'name' ? (p.name ?? '') : p[f];
  if (p.joinedAt !== undefined) c.joinDate = p.joinedAt;
  if (p.consent) c.consent = { ...(m?.consent ?? {}), ...p.consent };
  if (p.attributes) {
    const merged: Record<string, unknown> = { ...(m?.attributes ?? {}) };
    for (const [k, v] of Object.entries(p.attributes)) if (v === null) delete merged[k];
      else merged[k] = v;
    c.attributes = merged;
  }
  return c;
}

/** Upserts validated, checked profiles: given fields replace, absent ones stay, attributes and consent merge key by key. */
export function writeProfiles(db: Db, profiles: MemberProfile[], now: number, opts: { dryRun?: boolean } = {}): UpsertResult {
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, events: [] };
  const stored = membersByIds(db, profiles.map((p) => p.id));
  const ladder = tierLadder(db);
  const tagsNow = tagsOf(db, profiles.filter((p) => p.tags && stored.has(p.id)).map((p) => p.id));
  const fresh: Parameters<typeof insertMembers>[1] = [];
  const newTags: { memberId: string; tag: string }[] = [];
  const newIdentities: Parameters<typeof addIdentities>[1] = [];
  // Only a member given twice in one call needs the row just created as "stored" (imports never do that: they start a new batch).
  const repeats = new Set(profiles.map((p) => p.id)).size !== profiles.length;

  for (const p of profiles) {
    const m = stored.get(p.id);
    const changes = columnChanges(p, m);
    if (!m) {
      result.created++;
      const row = {
        id: p.id, name: '', phone: null, email: null, gender: null, birthday: null, city: null, tier: ladder[0], points: 0, growth: 0, storedValue: 0,
        tz: DEFAULT_TZ, joinDate: null, joinChannel: null, store: null, associate: null, consent: {}, attributes: {}, createdAt: now, updatedAt: now,
        ...changes,
      } as Parameters<typeof insertMembers>[1][number];
      fresh.push(row);
      if (repeats) stored.set(p.id, { ...row, unsubscribedAt: null, erasedAt: null });
      if (p.tags) for (const tag of p.tags.length > 1 ? new Set(p.tags) : p.tags) newTags.push({ memberId: p.id, tag });
      for (const [type, value] of identitiesIn(p)) if (value !== null) newIdentities.push({ type, value, memberId: p.id, addedAt: now });
      continue;
    }
    const changed = (Object.keys(changes) as (keyof NewMemberRecord)[]).filter((k) => !same(changes[k], m[k as keyof MemberRecord]));
    const identityChanges = identitiesIn(p).filter(([type]) => OTHER_IDENTITIES.includes(type as (typeof OTHER_IDENTITIES)[number]));
    const idsNow = identityChanges.length ? new Map(identitiesOf(db, p.id).map((x) => [x.type, x.value])) : new Map<IdentityType, string>();
    const identityChanged = identityChanges.filter(([type, value]) => (idsNow.get(type) ?? null) !== value);
    const before = new Set(tagsNow.get(p.id) ?? []);
    const after = p.tags ? new Set(p.tags) : before;
    const tagsChanged = p.tags !== undefined && (before.size !== after.size || [...after].some((t) => !before.has(t)));
    if (!changed.length && !identityChanged.length && !tagsChanged) {
      result.unchanged++;
      continue;
    }
    result.updated++;
    const fields = [...changed.map((k) => (k === 'joinDate' ? 'joinedAt' : k)), ...(identityChanged.length ? ['identities'] : []), ...(tagsChanged ? ['tags'] : [])];
    if (changes.tier !== undefined && changes.tier !== m.tier) result.events.push(tierChanged(ladder, p.id, m.tier, changes.tier));
    const others = fields.filter((f) => f !== 'tier');
    if (others.length) result.events.push({ memberId: p.id, type: 'profile_updated', properties: { fields: others } });
    if (opts.dryRun) continue;

    if (changed.length) updateMember(db, p.id, { ...Object.fromEntries(changed.map((k) => [k, changes[k]])), updatedAt: now });
    else updateMember(db, p.id, { updatedAt: now });
    if (tagsChanged) {
      removeTags(db, p.id, [...before].filter((t) => !after.has(t)));
      for (const tag of after) if (!before.has(tag)) newTags.push({ memberId: p.id, tag });
    }
    for (const [type, value] of identitiesIn(p)) {
      const column = type === 'phone' || type === 'email';
      if (column ? !changed.includes(type) : !identityChanged.some(([t]) => t === type)) continue;
      removeIdentity(db, p.id, type);
      if (value !== null) newIdentities.push({ type, value, memberId: p.id, addedAt: now });
    }
  }
  if (!opts.dryRun) {
    insertMembers(db, fresh);
    addTags(db, newTags);
    addIdentities(db, newIdentities);
  }
  return result;
}
