import { z } from 'zod';
import { MAX_EVENTS_PER_REQUEST } from '@/runtime/event-input';
import { allowed, router } from '../trpc';

export const eventsRouter = router({
  // Events are validated by the engine's own parser, so field paths match `POST /api/events`.
  ingest: allowed('events:ingest')
    .input(z.object({ events: z.array(z.unknown()).min(1, 'Send at least one event').max(MAX_EVENTS_PER_REQUEST) }))
    // Queued (the app): accepted without blocking the thread while a worker holds the write lock; otherwise processed at once.
    .mutation(({ ctx, input }) => (ctx.runtime.queued ? ctx.runtime.acceptWhenWritable(input.events) : ctx.runtime.ingest(input.events as never))),
});
