import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { allowed, router } from '../trpc';
import { audit } from '../audit';
import { engineWorkers } from '@/runtime/app-runtime';
import { withWorkers } from '@/runtime/runtime-stats';

export const runtimeRouter = router({
  /** The queue, timers and throughput; in the started app, figures come from the engine workers' own reports. */
  stats: allowed('runtime:read').query(({ ctx }) => withWorkers(ctx.runtime.stats(), engineWorkers())),
  /** Effects that failed for good (e.g. a webhook that kept answering 500), newest first. */
  deadLetters: allowed('runtime:read').input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).optional()).query(({ ctx, input }) =>
    ctx.db.$client
      .prepare(
        `select id, journey_id as journeyId, node_id as nodeId, member_id as memberId, type, channel, attempts, reason, created_at as createdAt
           from outbox where status = 'dead' order by id desc limit ?`,
      )
      .all(input?.limit ?? 50) as {
      id: number;
      journeyId: string;
      nodeId: string;
      memberId: string;
      type: string;
      channel: string | null;
      attempts: number;
      reason: string | null;
      createdAt: number;
    }[],
  ),
  /** Sends a dead letter again: back to pending with a fresh attempt budget, same idempotency key. */
  retry: allowed('runtime:operate').input(z.object({ outboxId: z.number().int().positive() })).mutation(({ ctx, input }) => {
    const res = ctx.db.$client
      .prepare(`update outbox set status = 'pending', attempts = 0, deliver_after = ?, reason = 'retry requested' where id = ? and status = 'dead'`)
      .run(Date.now(), input.outboxId);
    if (res.changes === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `Outbox row ${input.outboxId} is not a dead letter` });
    audit(ctx, 'outbox.retry', `outbox:${input.outboxId}`);
    return { ok: true };
  }),
});
