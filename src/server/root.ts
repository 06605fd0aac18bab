import { router } from './trpc';
import { journeysRouter } from './routers/journeys';
import { eventsRouter } from './routers/events';
import { analyticsRouter } from './routers/analytics';
import { membersRouter } from './routers/members';
import { runtimeRouter } from './routers/runtime';

export const appRouter = router({
  journeys: journeysRouter,
  events: eventsRouter,
  analytics: analyticsRouter,
  members: membersRouter,
  runtime: runtimeRouter,
});

export type AppRouter = typeof appRouter;
