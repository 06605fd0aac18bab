import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { createJourney, declareWinner, getJourney, inFlightByNode, listJourneys, publishJourney, saveDraft, setJourneyStatus } from '@/db/journeys';
import { journeyDocumentSchema } from '@/journey';
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
  inFlight: publicProcedure.input(idInput).query(({ ctx, input }) => inFlightByNode(ctx.db, input.id)),
  setStatus: publicProcedure
    .input(z.object({ id: z.string().min(1), status: z.enum(['live', 'paused', 'archived']) }))
    .mutation(({ ctx, input }) => {
      const j = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
      if (input.status === 'live' && j.liveVersionId === null) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Publish the journey before making it live' });
      }
      setJourneyStatus(ctx.db, input.id, input.status);
      return { ok: true };
    }),
});
