import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { incomingEventSchema, MAX_EVENTS_PER_REQUEST } from '@/runtime/event-input';
import { UnknownMembersError } from '@/runtime/engine';
import { publicProcedure, router } from '../trpc';

export const eventsRouter = router({
  ingest: publicProcedure
    .input(z.object({ events: z.array(incomingEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST) }))
    .mutation(({ ctx, input }) => {
      try {
        return ctx.runtime.ingest(input.events);
      } catch (err) {
        if (err instanceof UnknownMembersError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    }),
});
