import type { Db } from '@/db/client';
import { addressColumns, addressIdentities } from '@/db/recipients';
import type { Recipient } from './types';

/**
 * Everything a provider may address a member by: phone and email from the
 * profile, WeChat OpenID and device id from their identities (OneID), the
 * associate, and the WeCom external contact id from the attributes. Null for
 * an unknown or erased member.
 */
export function recipientFor(db: Db, memberId: string): Recipient | null {
  const m = addressColumns(db, memberId);
  if (!m) return null;
  const ids = addressIdentities(db, memberId);
  const attributes = JSON.parse(m.attributes || '{}') as Record<string, unknown>;
  const r: Recipient = { memberId };
  if (m.phone) r.phone = m.phone;
  if (m.email) r.email = m.email;
  if (m.associate) r.associate = m.associate;
  for (const id of ids) r[id.type] ??= id.value;
  if (typeof attributes.wecomExternalUserId === 'string' && attributes.wecomExternalUserId) r.wecomExternalUserId = attributes.wecomExternalUserId;
  return r;
}
