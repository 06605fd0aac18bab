import { router } from './trpc';
import { journeysRouter } from './routers/journeys';
import { eventsRouter } from './routers/events';
import { analyticsRouter } from './routers/analytics';
import { membersRouter } from './routers/members';
import { segmentsRouter } from './routers/segments';
import { runtimeRouter } from './routers/runtime';
import { accessRouter } from './routers/access';
import { auditRouter } from './routers/audit';
import { approvalsRouter } from './routers/approvals';
import { channelsRouter } from './routers/channels';
import { toolsRouter } from './routers/tools';
import { couponsRouter } from './routers/coupons';
import { sendLimitsRouter } from './routers/send-limits';

export const appRouter = router({
  journeys: journeysRouter,
  events: eventsRouter,
  analytics: analyticsRouter,
  members: membersRouter,
  segments: segmentsRouter,
  runtime: runtimeRouter,
  access: accessRouter,
  audit: auditRouter,
  approvals: approvalsRouter,
  channels: channelsRouter,
  tools: toolsRouter,
  coupons: couponsRouter,
  sendLimits: sendLimitsRouter,
});

export type AppRouter = typeof appRouter;
