import { decideMessage } from '../policy';
import { fillCouponCode } from '../coupons';
import type { EffectHandler } from './types';

/**
 * `action.message`: passes the gateway (unsubscribe, consent, quiet hours, caps) in the delivery pass, then goes to
 * its channel's provider (`sending`, sent by an engine worker's Dispatcher) or is recorded only — never called sent
 * without a provider. Webhooks skip this: the Dispatcher posts them itself.
 */
export const messageEffect: EffectHandler = {
  type: 'message',
  inStep: false,
  decide(db, policy, member, row, now) {
    const mode = (row.payload.quietHours as 'defer' | 'skip' | 'off' | undefined) ?? 'defer';
    return decideMessage(db, policy, member, row.channel ?? '', mode, now);
  },
  apply(db, row, _now, ctx) {
    // `{{coupon.code}}`: the code this journey gave the member, written into the row before it is sent or recorded.
    fillCouponCode(db, row);
    return ctx.sends(row.channel ?? '') ? { status: 'sending', reason: 'queued' } : { status: 'sent', reason: 'record_only' };
  },
};
