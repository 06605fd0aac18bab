import { and, eq } from 'drizzle-orm';
import { memberGroups } from '@/db/schema';
import { applied, type EffectHandler } from './types';

/** `action.group`: puts the member in a static group or takes them out. */
export const groupEffect: EffectHandler = {
  type: 'group',
  inStep: true,
  apply(db, row, now) {
    const { group, op } = row.payload as { group: string; op: 'add' | 'remove' };
    if (op === 'add') db.insert(memberGroups).values({ groupId: group, memberId: row.memberId, addedAt: now }).onConflictDoNothing().run();
    else db.delete(memberGroups).where(and(eq(memberGroups.groupId, group), eq(memberGroups.memberId, row.memberId))).run();
    return applied;
  },
};
