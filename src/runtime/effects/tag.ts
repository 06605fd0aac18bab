import { changeTags } from '@/db/member-changes';
import { applied, type EffectHandler } from './types';

/** `action.tag`: adds and removes the member's tags (adding twice or removing a missing tag is a no-op). */
export const tagEffect: EffectHandler = {
  type: 'tag',
  inStep: true,
  apply(db, row) {
    const { add = [], remove = [] } = row.payload as { add?: string[]; remove?: string[] };
    changeTags(db, row.memberId, add, remove);
    return applied;
  },
};
