import { and, eq } from 'drizzle-orm';
import { memberTags } from '@/db/schema';
import { applied, type EffectHandler } from './types';

/** `action.tag`: adds and removes the member's tags (adding twice or removing a missing tag is a no-op). */
export const tagEffect: EffectHandler = {
  type: 'tag',
  inStep: true,
  apply(db, row) {
    const { add = [], remove = [] } = row.payload as { add?: string[]; remove?: string[] };
    for (const tag of add) db.insert(memberTags).values({ memberId: row.memberId, tag }).onConflictDoNothing().run();
    for (const tag of remove) db.delete(memberTags).where(and(eq(memberTags.memberId, row.memberId), eq(memberTags.tag, tag))).run();
    return applied;
  },
};
