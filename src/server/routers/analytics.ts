import { z } from 'zod';
import { journeyStats } from '@/analytics/node-stats';
import { journeyMessageStats } from '@/analytics/message-stats';
import { experimentReports, holdoutReport } from '@/analytics/experiment-query';
import { getJourney } from '@/db/journeys';
import { versionDocument } from '@/db/journey-versions';
import { isValidZone, type JourneyDocument } from '@/journey';
import { crowdKinds, listCrowd, saveCrowdAsGroup } from '@/analytics/crowds';
import { memberPaths } from '@/analytics/member-path';
import { breakdownAttributes, journeyReport } from '@/analytics/report';
import { dateRangeFields, withValidRange } from '@/analytics/date-range';
import { MAX_PATH_STEPS } from '@/analytics/path-funnel';
import { notFound, allowed, router } from '../trpc';
import { audit } from '../audit';
import { can } from '@/auth/permissions';
import { maskQuoted } from '@/analytics/masking';
import { memberById } from '@/db/member-store';
import type { Db } from '@/db/client';

const crowdFields = z.object({
  journeyId: z.string().min(1),
  nodeId: z.string().min(1),
  kind: z.enum(crowdKinds as [string, ...string[]]).transform((k) => k as (typeof crowdKinds)[number]),
  versionId: z.number().int().positive().optional(),
  ...dateRangeFields,
});
const experimentFields = z.object({
  journeyId: z.string().min(1),
  /** Minimum detectable effect, relative, for the sample size (0.1 = 10%). */
  mde: z.number().gt(0, 'mde must be above 0 (e.g. 0.1 for 10%)').max(10, 'mde is relative: 0.1 means 10%').optional(),
  ...dateRangeFields,
});
const experimentOptions = (input: z.output<typeof experimentFields>) => ({ range: { from: input.from, to: input.to }, relativeMde: input.mde });
const crowdOf = (input: z.output<typeof crowdFields>) => ({ ...input, range: { from: input.from, to: input.to } });

function liveDocument(db: Db, journeyId: string): JourneyDocument {
  const journey = getJourney(db, journeyId) ?? notFound(`Journey "${journeyId}"`);
  if (journey.liveVersionId === null) return journey.draft;
  return versionDocument(db, journey.liveVersionId) ?? journey.draft;
}

export const analyticsRouter = router({
  /** Per-node counts for the canvas overlay; `from`/`to` (ms) limit the moves counted and the enrolments in the totals. */
  nodeStats: allowed('analytics:read')
    .input(withValidRange(z.object({ journeyId: z.string().min(1), versionId: z.number().int().positive().optional(), ...dateRangeFields })))
    .query(({ ctx, input }) => journeyStats(ctx.db, input.journeyId, input.versionId, { from: input.from, to: input.to })),
  /** Per message node: sent, recorded only, queued, skipped, failed, delivered, opened, clicked. */
  messageStats: allowed('analytics:read')
    .input(withValidRange(z.object({ journeyId: z.string().min(1), ...dateRangeFields })))
    .query(({ ctx, input }) => journeyMessageStats(ctx.db, input.journeyId, { from: input.from, to: input.to })),
  report: allowed('analytics:read')
    .input(
      withValidRange(
        z.object({
          journeyId: z.string().min(1),
          path: z.array(z.string().min(1)).max(MAX_PATH_STEPS).optional(),
          breakdown: z.enum(breakdownAttributes).optional(),
          /** The viewer's IANA zone, for conversion by day; the brand's default (Asia/Shanghai) without one. */
          timeZone: z.string().refine(isValidZone, 'Unknown time zone (e.g. "Asia/Shanghai")').optional(),
          ...dateRangeFields,
        }),
      ),
    )
    .query(({ ctx, input }) =>
      journeyReport(ctx.db, input.journeyId, liveDocument(ctx.db, input.journeyId), {
        path: input.path,
        attr: input.breakdown,
        range: { from: input.from, to: input.to },
        timeZone: input.timeZone,
      }),
    ),
  crowd: allowed('analytics:read')
    .input(withValidRange(crowdFields.extend({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) })))
    .query(({ ctx, input }) => listCrowd(ctx.db, crowdOf(input), { limit: input.limit, offset: input.offset })),
  saveCrowd: allowed('segments:write')
    .input(withValidRange(crowdFields.extend({ groupId: z.string().regex(/^[\w-]{1,64}$/, 'Group ids use letters, digits, "_" and "-"') })))
    .mutation(({ ctx, input }) => {
      const members = saveCrowdAsGroup(ctx.db, crowdOf(input), input.groupId);
      audit(ctx, 'group.save_crowd', `group:${input.groupId}`, { journeyId: input.journeyId, nodeId: input.nodeId, kind: input.kind, members });
      return { groupId: input.groupId, members };
    }),
  memberPath: allowed('analytics:read')
    .input(z.object({ memberId: z.string().min(1) }))
    .query(({ ctx, input }) => {
      const paths = memberPaths(ctx.db, input.memberId);
      if (can(ctx.principal, 'pii:read')) return paths;
      // Message texts were rendered with the real profile: what they quote of it is masked like the profile itself.
      const member = memberById(ctx.db, input.memberId);
      if (!member) return paths;
      return paths.map((p) => ({ ...p, effects: p.effects.map((fx) => ({ ...fx, text: maskQuoted(fx.text, member) })) }));
    }),
  /**
   * Every A/B split of the live version, counted by member (each once, in the arm of their first assignment; re-entries
   * and held-out members apart): rates, classic and always-valid comparisons, P(best), SRM, power, revenue, decision.
   */
  experiments: allowed('analytics:read').input(withValidRange(experimentFields)).query(({ ctx, input }) => {
    const journey = getJourney(ctx.db, input.journeyId) ?? notFound(`Journey "${input.journeyId}"`);
    if (journey.liveVersionId === null) return [];
    return experimentReports(ctx.db, input.journeyId, liveDocument(ctx.db, input.journeyId), experimentOptions(input));
  }),
  /** The journey's lift against its holdout (global control), or null when it has none. */
  holdout: allowed('analytics:read').input(withValidRange(experimentFields)).query(({ ctx, input }) => {
    const journey = getJourney(ctx.db, input.journeyId) ?? notFound(`Journey "${input.journeyId}"`);
    if (journey.liveVersionId === null) return null;
    return holdoutReport(ctx.db, input.journeyId, liveDocument(ctx.db, input.journeyId), experimentOptions(input));
  }),
});
