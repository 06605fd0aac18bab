import type { Db } from './client';
import { prepared } from './prepared';
import type { memberIdentities, members } from './schema';

type Member = typeof members.$inferSelect;
type Identity = typeof memberIdentities.$inferSelect;

/** The profile columns a message may be addressed by (attributes still JSON text); undefined for an unknown or erased member. */
export function addressColumns(db: Db, memberId: string): (Pick<Member, 'phone' | 'email' | 'associate'> & { attributes: string }) | undefined {
  return prepared(db, 'select phone, email, associate, attributes from members where id = ? and erased_at is null').get(memberId) as
    | (Pick<Member, 'phone' | 'email' | 'associate'> & { attributes: string })
    | undefined;
}

/** The member's WeChat OpenIDs and device ids, oldest first. */
export function addressIdentities(db: Db, memberId: string): { type: Extract<Identity['type'], 'wechatOpenId' | 'deviceId'>; value: string }[] {
  return prepared(db, `select type, value from member_identities where member_id = ? and type in ('wechatOpenId', 'deviceId') order by added_at`).all(memberId) as {
    type: 'wechatOpenId' | 'deviceId';
    value: string;
  }[];
}
