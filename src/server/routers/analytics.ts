import { z } from 'zod';
import { journeyStats } from '@/analytics/node-stats';
import { analyseExperiment, experimentsOf } from '@/analytics/experiments';
import { getJourney } from '@/db/journeys';
import { journeyVersions } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { JourneyDocument } from '@/journey';
import { notFound, publicProcedure, router } from '../trpc';

export const analyticsRouter = router({
  nodeStats: publicProcedure
    .input(z.object({ journeyId: z.string().min(1), versionId: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => journeyStats(ctx.db, input.journeyId, input.versionId)),
  /** Every A/B split of the live version: counts, intervals, uplift vs control, p-value, SRM, P(best), verdict. */
  experiments: publicProcedure.input(z.object({ journeyId: z.string().min(1) })).query(({ ctx, input }) => {
    const journey = getJourney(ctx.db, input.journeyId) ?? notFound(`Journey "${input.journeyId}"`);
    if (journey.liveVersionId === null) return [];
    const version = ctx.db.select().from(journeyVersions).where(eq(journeyVersions.id, journey.liveVersionId)).get();
    const stats = journeyStats(ctx.db, input.journeyId);
    return experimentsOf(version?.document as JourneyDocument).map((x) => ({
      ...x,
      result: analyseExperiment(
        x.variants.map((v) => ({ ...v, assigned: stats.variants[x.nodeId]?.[v.key]?.assigned ?? 0, reached: stats.variants[x.nodeId]?.[v.key]?.reached ?? 0 })),
      ),
    }));
  }),
});
