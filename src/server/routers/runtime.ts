import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { allowed, router } from '../trpc';
import { audit } from '../audit';
import { engineWorkers } from '@/runtime/app-runtime';
import { withWorkers } from '@/runtime/runtime-stats';
import { deadLetterCounts, listDeadLetters, retryDeadLetter, retryDeadLetters } from '@/db/dead-letters';

export const runtimeRouter = router({
  /** The queue, timers and throughput; in the started app, figures come from the engine workers' own reports. */
  stats: allowed('runtime:read').query(({ ctx }) => withWorkers(ctx.runtime.stats(), engineWorkers())),
  /** Effects that failed for good (a webhook that kept answering 500, a provider that kept refusing), newest first. */
  deadLetters: allowed('runtime:read')
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), channel: z.string().max(64).optional() }).optional())
    .query(({ ctx, input }) => listDeadLetters(ctx.db, input?.limit ?? 50, input?.channel)),
  /** Dead letters per channel (webhook, sms, email, …; effects without a channel by type). */
  deadLetterCounts: allowed('runtime:read').query(({ ctx }) => deadLetterCounts(ctx.db)),
  /** Sends a dead letter again: back to pending with a fresh attempt budget, same idempotency key. */
  retry: allowed('runtime:operate')
    .input(z.object({ outboxId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      if (!retryDeadLetter(ctx.db, input.outboxId, ctx.runtime.clock.now())) throw new TRPCError({ code: 'BAD_REQUEST', message: `Outbox row ${input.outboxId} is not a dead letter` });
      audit(ctx, 'outbox.retry', `outbox:${input.outboxId}`);
      return { ok: true };
    }),
  /** Sends every dead letter of one channel again (e.g. after fixing the provider's credentials). */
  retryChannel: allowed('runtime:operate')
    .input(z.object({ channel: z.string({ error: 'channel is required' }).trim().min(1, 'channel is required').max(64) }))
    .mutation(({ ctx, input }) => {
      const retried = retryDeadLetters(ctx.db, input.channel, ctx.runtime.clock.now());
      if (!retried) throw new TRPCError({ code: 'BAD_REQUEST', message: `No dead letters for channel ${input.channel}` });
      audit(ctx, 'outbox.retry_channel', `channel:${input.channel}`, { after: { retried } });
      return { retried };
    }),
});
