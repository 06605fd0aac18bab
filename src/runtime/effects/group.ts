import { changeGroup } from '@/db/member-changes';
import { applied, type EffectHandler } from './types';

/** `action.group`: puts the member in a static group or takes them out. */
export const groupEffect: EffectHandler = {
  type: 'group',
  inStep: true,
  apply(db, row, now) {
    const { group, op } = row.payload as { group: string; op: 'add' | 'remove' };
    changeGroup(db, row.memberId, group, op, now);
    return applied;
  },
};
