import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { createJourney, declareWinner, getJourney, inFlightByNode, listJourneys, publishJourney, saveDraft } from '@/db/journeys';
import { changeJourneyStatus } from '@/runtime/resume';
import { diffJourneys, JourneyInvalidError, journeyDocumentSchema, type JourneyDocument } from '@/journey';
import { journeyVersions } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { testRun } from '../test-run';
import { notFound, publicProcedure, router } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

export const journeysRouter = router({
  list: publicProcedure.query(({ ctx }) => listJourneys(ctx.db)),
  get: publicProcedure.input(idInput).query(({ ctx, input }) => getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`)),
  create: publicProcedure
    .input(z.object({ name: z.string().trim().min(1, 'Name is required').max(120), document: journeyDocumentSchema.optional() }))
    .mutation(({ ctx, input }) => ({ id: createJourney(ctx.db, input) })),
  saveDraft: publicProcedure
    .input(z.object({ id: z.string().min(1), document: journeyDocumentSchema }))
    .mutation(({ ctx, input }) => {
      if (!getJourney(ctx.db, input.id)) notFound(`Journey "${input.id}"`);
      return saveDraft(ctx.db, input.id, input.document);
    }),
  publish: publicProcedure
    .input(z.object({ id: z.string().min(1), migrate: z.boolean().optional() }))
    .mutation(({ ctx, input }) => {
      if (!getJourney(ctx.db, input.id)) notFound(`Journey "${input.id}"`);
      return publishJourney(ctx.db, input.id, Date.now(), { migrate: input.migrate });
    }),
  declareWinner: publicProcedure
    .input(z.object({ id: z.string().min(1), nodeId: z.string().min(1), variant: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      try {
        return declareWinner(ctx.db, input.id, input.nodeId, input.variant);
      } catch (err) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: (err as Error).message });
      }
    }),
  /** What publishing the draft would change, and who is in flight where. */
  diff: publicProcedure.input(idInput).query(({ ctx, input }) => {
    const j = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
    const live = j.liveVersionId === null ? null : (ctx.db.select().from(journeyVersions).where(eq(journeyVersions.id, j.liveVersionId)).get()?.document as JourneyDocument);
    return { ...diffJourneys(live, j.draft), inFlight: inFlightByNode(ctx.db, input.id) };
  }),
  /** Runs the draft for one demo member on a virtual clock; nothing is sent. */
  testRun: publicProcedure
    .input(
      z.object({
        document: journeyDocumentSchema,
        memberId: z.string().min(1),
        events: z.array(z.object({ afterMs: z.number().int().min(0), type: z.string().min(1), properties: z.record(z.string(), z.unknown()).optional() })).optional(),
        horizonMs: z.number().int().positive().max(366 * 24 * 3600 * 1000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      try {
        return testRun(ctx.db, input);
      } catch (err) {
        if (err instanceof JourneyInvalidError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
        throw new TRPCError({ code: 'BAD_REQUEST', message: (err as Error).message });
      }
    }),
  inFlight: publicProcedure.input(idInput).query(({ ctx, input }) => inFlightByNode(ctx.db, input.id)),
  setStatus: publicProcedure
    .input(z.object({ id: z.string().min(1), status: z.enum(['live', 'paused', 'archived']) }))
    .mutation(({ ctx, input }) => {
      const j = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
      if (input.status === 'live' && j.liveVersionId === null) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Publish the journey before making it live' });
      }
      // Resuming replays to held members the events they sent during the pause.
      const { replayed } = changeJourneyStatus(ctx.runtime, input.id, input.status);
      return { ok: true, replayed };
    }),
});
