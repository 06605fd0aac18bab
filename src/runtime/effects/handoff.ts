import { addDuration, type MemberFacts } from '@/journey';
import { insertTask, memberRow } from '@/db/member-changes';
import { renderTemplate } from '../template';
import { applied, type EffectHandler } from './types';

/** `action.handoff`: a task for the member's store associate (导购), with its text rendered for the member. */
export const handoffEffect: EffectHandler = {
  type: 'handoff',
  inStep: true,
  apply(db, row, now) {
    const member = memberRow(db, row.memberId);
    const p = row.payload as { task: string; due?: string };
    insertTask(db, {
      idempotencyKey: row.idempotencyKey,
      memberId: row.memberId,
      associate: member?.associate ?? null,
      journeyId: row.journeyId,
      nodeId: row.nodeId,
      text: renderTemplate(p.task, { member: member as unknown as MemberFacts }),
      dueAt: p.due ? addDuration(now, p.due, member?.tz) : null,
      createdAt: now,
    });
    return member?.associate ? applied : { status: 'sent', reason: 'no_associate' };
  },
};
