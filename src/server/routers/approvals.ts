import { z } from 'zod';
import { listPublishRequests, pendingCount } from '@/db/publish-requests';
import { approvalThreshold, decidePublish, setApprovalThreshold } from '@/runtime/publish-approval';
import { allowed, router } from '../trpc';

/** Publish approval (流程发布审批): what waits, what it changes and reaches, and the approver's decision. */
export const approvalsRouter = router({
  list: allowed('journeys:read')
    .input(z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional(), journeyId: z.string().optional() }).optional())
    .query(({ ctx, input }) => ({ requests: listPublishRequests(ctx.db, { status: input?.status, journeyId: input?.journeyId }), pending: pendingCount(ctx.db), threshold: approvalThreshold(ctx.db) })),
  decide: allowed('journeys:approve')
    .input(z.object({ id: z.number().int().positive(), approve: z.boolean(), comment: z.string().trim().max(1000).optional() }))
    .mutation(({ ctx, input }) => decidePublish(ctx.db, input.id, ctx.principal, input.approve, input.comment || null, ctx.runtime.clock.now())),
  /** Publishes reaching fewer members than this skip the review (0: every marketer publish is reviewed). */
  setThreshold: allowed('users:admin')
    .input(z.object({ minMembers: z.number().int().min(0).max(1e9) }))
    .mutation(({ ctx, input }) => {
      setApprovalThreshold(ctx.db, input.minMembers, ctx.principal);
      return { minMembers: input.minMembers };
    }),
});
