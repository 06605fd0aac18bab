import { z } from 'zod';
import { journeyStats } from '@/analytics/node-stats';
import { publicProcedure, router } from '../trpc';

export const analyticsRouter = router({
  nodeStats: publicProcedure
    .input(z.object({ journeyId: z.string().min(1), versionId: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => journeyStats(ctx.db, input.journeyId, input.versionId)),
});
