import type { Db } from '@/db/client';
import { identitiesOf, memberById, tagsOf } from '@/db/member-store';

/** A member as `GET /api/members/:id` shows it: the same field names a profile is sent with. Null when unknown or erased. */
export function profileView(db: Db, memberId: string) {
  const m = memberById(db, memberId);
  if (!m || m.erasedAt !== null) return null;
  const identities = Object.fromEntries(identitiesOf(db, memberId).filter((i) => i.type !== 'phone' && i.type !== 'email').map((i) => [i.type, i.value]));
  return {
    id: m.id,
    name: m.name || null,
    phone: m.phone,
    email: m.email,
    gender: m.gender,
    birthday: m.birthday,
    city: m.city,
    store: m.store,
    associate: m.associate,
    tier: m.tier,
    points: m.points,
    growth: m.growth,
    storedValue: m.storedValue,
    tz: m.tz,
    consent: m.consent,
    unsubscribed: m.unsubscribedAt !== null,
    tags: (tagsOf(db, [memberId]).get(memberId) ?? []).sort(),
    attributes: m.attributes,
    identities,
    joinedAt: m.joinDate,
    joinChannel: m.joinChannel,
    createdAt: new Date(m.createdAt).toISOString(),
    updatedAt: m.updatedAt === null ? null : new Date(m.updatedAt).toISOString(),
  };
}

export type ProfileView = NonNullable<ReturnType<typeof profileView>>;
