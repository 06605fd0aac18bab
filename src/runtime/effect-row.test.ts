import { describe, expect, it } from 'vitest';
import { isHeldOut } from '@/journey';
import type { EnrolmentRow } from '@/db/enrolment-store';
import { effectRow } from './effect-row';

const enrolment = (memberId: string) => ({ id: 7, journeyId: 'j', versionId: 1, memberId, entryNo: 1 }) as unknown as EnrolmentRow;
const env = { now: 0, member: { id: 'x', tz: 'Asia/Shanghai', tags: [] } };
const message = { type: 'message', channel: 'sms', template: 'Hi', holdoutPercent: 10 };

describe('effect rows of held-out members', () => {
  it('are built skipped with reason "holdout"; other members get a pending row; the marker never reaches the payload', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `m${i}`);
    const heldId = ids.find((id) => isHeldOut('j', id, 10))!;
    const keptId = ids.find((id) => !isHeldOut('j', id, 10))!;
    const held = effectRow(enrolment(heldId), 'msg', 1, message, env, 0);
    expect(held).toMatchObject({ status: 'skipped', reason: 'holdout' });
    expect(held.payload).not.toHaveProperty('text');
    const kept = effectRow(enrolment(keptId), 'msg', 1, message, env, 0);
    expect(kept.status).toBe('pending');
    expect(kept.payload).toMatchObject({ type: 'message', text: 'Hi' });
    expect(kept.payload).not.toHaveProperty('holdoutPercent');
    expect(effectRow(enrolment(heldId), 'msg', 1, { ...message, holdoutPercent: undefined }, env, 0).status).toBe('pending');
  });
});
