import { z } from 'zod';
import { actorName } from '@/auth/permissions';
import { PROVIDER_CHANNELS } from '@/channels/registry';
import { rateLimitRows, saveRateLimit } from '@/db/send-rate';
import { audit } from '../audit';
import { allowed, router } from '../trpc';

const channel = z.enum(PROVIDER_CHANNELS as unknown as [string, ...string[]], { error: `channel must be one of ${PROVIDER_CHANNELS.join(', ')}` });
const limit = (field: string) =>
  z
    .number({ error: `${field} must be a whole number from 1 to 100,000, or empty for no limit` })
    .int(`${field} must be a whole number`)
    .min(1, `${field} must be at least 1 (leave it empty for no limit)`)
    .max(100_000, `${field} must be at most 100,000`)
    .nullable();

/** Settings → Channels (admins): how fast each channel's provider may be sent to. Enforced by the engine workers (src/runtime/rate-limit.ts). */
export const sendLimitsRouter = router({
  list: allowed('channels:admin').query(({ ctx }) => rateLimitRows(ctx.db)),
  save: allowed('channels:admin')
    .input(z.object({ channel, perSecond: limit('perSecond'), perMinute: limit('perMinute') }))
    .mutation(({ ctx, input }) => {
      const before = rateLimitRows(ctx.db).find((r) => r.channel === input.channel);
      saveRateLimit(ctx.db, input, actorName(ctx.principal), Date.now());
      audit(ctx, 'channel.rate_limit.save', `channel:${input.channel}`, {
        before: before ? { perSecond: before.perSecond, perMinute: before.perMinute } : null,
        after: { perSecond: input.perSecond, perMinute: input.perMinute },
      });
      return { ok: true };
    }),
});
