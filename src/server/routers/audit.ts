import { z } from 'zod';
import { queryAudit } from '@/db/auth-store';
import { allowed, router } from '../trpc';

export const auditRouter = router({
  /** The audit log, newest first: who did what to which target, with before/after. */
  list: allowed('audit:read')
    .input(
      z.object({
        action: z.string().max(64).optional(),
        actor: z.string().max(200).optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => queryAudit(ctx.db, input)),
});
