import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { membersByIds, resolveIdentity } from '@/db/member-store';
import { InputError } from '@/members/errors';
import type { FieldError, MemberProfile } from '@/members/profile-schema';
import { checkProfiles } from '@/members/profiles';
import type { ParsedEvent } from './event-input';

/** An event with the member it is about, and the profile to upsert before it is processed. */
export interface ResolvedEvent {
  event: ParsedEvent;
  memberId: string;
  profile?: MemberProfile;
}

/**
 * Names the member of every event in a batch: by `memberId`, or by an
 * identity (phone, email, WeChat ids, device id). An unknown member is
 * created from the event's `profile`; without one the whole batch is refused
 * with an InputError naming each such event's `memberId` / `identity`.
 * Nothing is written here.
 */
export function resolveEventMembers(db: Db, batch: ParsedEvent[]): ResolvedEvent[] {
  const field = (i: number, f: string) => (batch.length === 1 ? f : `[${i}].${f}`);
  const known = membersByIds(db, [...new Set(batch.flatMap((e) => (e.memberId ? [e.memberId] : [])))]);
  const isKnown = (id: string) => known.has(id) && known.get(id)!.erasedAt === null;
  // Members this batch creates, so a second event about the same new member finds it.
  const createdById = new Map<string, string>();
  const createdByIdentity = new Map<string, string>();
  const errors: FieldError[] = [];
  const resolved: ResolvedEvent[] = batch.map((event, i) => {
    let memberId = event.memberId;
    let isNew = false;
    if (memberId !== undefined) {
      if (!isKnown(memberId) && !createdById.has(memberId)) {
        if (!event.profile) errors.push({ field: field(i, 'memberId'), message: `Unknown member "${memberId}"` });
        else isNew = true;
        createdById.set(memberId, memberId);
      }
    } else {
      const { type, value } = event.identity!;
      const key = `${type}\u0000${value}`;
      memberId = createdByIdentity.get(key) ?? resolveIdentity(db, type, value);
      if (memberId === undefined) {
        if (!event.profile) {
          errors.push({ field: field(i, 'identity'), message: `No member has ${type} "${value}"` });
          memberId = '';
        } else {
          memberId = randomUUID();
          isNew = true;
          createdByIdentity.set(key, memberId);
        }
      }
    }
    if (!event.profile) return { event, memberId };
    const profile: MemberProfile = { ...event.profile, id: memberId };
    // A member created from an identity keeps it: the next event with that phone or WeChat id finds them.
    if (isNew && event.identity) {
      const { type, value } = event.identity;
      if (type === 'phone') profile.phone ??= value;
      else if (type === 'email') profile.email ??= value;
      else profile.identities = { ...profile.identities, [type]: profile.identities?.[type] ?? value };
    }
    return { event, memberId, profile };
  });
  const withProfile = resolved.flatMap((r, i) => (r.profile && r.memberId ? [{ r, i }] : []));
  const problems = checkProfiles(db, withProfile.map((x) => x.r.profile!), (k) => field(withProfile[k].i, 'profile'));
  errors.push(...problems.flat());
  if (errors.length) throw new InputError(errors);
  return resolved;
}
