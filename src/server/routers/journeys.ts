import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { createJourney, getJourney, inFlightByNode, listJourneys, saveDraft } from '@/db/journeys';
import { changeJourneyStatus } from '@/runtime/resume';
import { diffJourneys, JourneyInvalidError, journeyDocumentSchema, type JourneyDocument } from '@/journey';
import { versionDocument } from '@/db/journey-versions';
import { testRun } from '../test-run';
import { testRunHost } from '../test-run-host';
import { engineStarted } from '@/runtime/app-runtime';
import { publishOrRequest } from '@/runtime/publish-approval';
import { isInputError } from '@/members/errors';
import { audit } from '../audit';
import { can } from '@/auth/permissions';
import { outboundProblems } from '@/runtime/outbound';
import { notFound, allowed, router } from '../trpc';

const idInput = z.object({ id: z.string().min(1) });

export const journeysRouter = router({
  list: allowed('journeys:read').query(({ ctx }) => listJourneys(ctx.db)),
  get: allowed('journeys:read').input(idInput).query(({ ctx, input }) => getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`)),
  create: allowed('journeys:write')
    .input(z.object({ name: z.string().trim().min(1, 'Name is required').max(120), document: journeyDocumentSchema.optional() }))
    .mutation(({ ctx, input }) => {
      const id = createJourney(ctx.db, input);
      audit(ctx, 'journey.create', `journey:${id}`, { after: { name: input.name } });
      return { id };
    }),
  saveDraft: allowed('journeys:write')
    .input(z.object({ id: z.string().min(1), document: journeyDocumentSchema }))
    .mutation(({ ctx, input }) => {
      const before = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
      const saved = saveDraft(ctx.db, input.id, input.document);
      audit(ctx, 'journey.save', `journey:${input.id}`, diffJourneys(before.draft as JourneyDocument, input.document));
      return saved;
    }),
  publish: allowed('journeys:publish')
    .input(z.object({ id: z.string().min(1), migrate: z.boolean().optional() }))
    .mutation(({ ctx, input }) => {
      const journey = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
      // Where a webhook may post is a server-side rule (WEBHOOK_ALLOWED_HOSTS): checked here, on the node, and again at send.
      const outbound = outboundProblems(journey.draft);
      if (outbound.length) return { ok: false as const, problems: outbound };
      // A marketer's publish waits for an approver (the impact review); approvers and admins publish at once.
      return publishOrRequest(ctx.db, input.id, ctx.principal, { migrate: input.migrate }, ctx.runtime.clock.now());
    }),
  declareWinner: allowed('journeys:publish')
    .input(z.object({ id: z.string().min(1), nodeId: z.string().min(1), variant: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      try {
        return publishOrRequest(ctx.db, input.id, ctx.principal, { winner: { nodeId: input.nodeId, variant: input.variant } }, ctx.runtime.clock.now());
      } catch (err) {
        if (isInputError(err)) throw err;
        throw new TRPCError({ code: 'BAD_REQUEST', message: (err as Error).message });
      }
    }),
  /** What publishing the draft would change, and who is in flight where. */
  diff: allowed('journeys:read').input(idInput).query(({ ctx, input }) => {
    const j = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
    const live = j.liveVersionId === null ? null : (versionDocument(ctx.db, j.liveVersionId) as JourneyDocument);
    return { ...diffJourneys(live, j.draft), inFlight: inFlightByNode(ctx.db, input.id) };
  }),
  /** Runs the draft for one demo member on a virtual clock; nothing is sent. */
  testRun: allowed('journeys:test')
    .input(
      z.object({
        document: journeyDocumentSchema,
        memberId: z.string().min(1),
        events: z.array(z.object({ afterMs: z.number().int().min(0), type: z.string().min(1), properties: z.record(z.string(), z.unknown()).optional() })).optional(),
        horizonMs: z.number().int().positive().max(366 * 24 * 3600 * 1000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const maskPii = !can(ctx.principal, 'pii:read');
      try {
        // In the started app a test run goes to its own process (capped in steps and time), never the request thread.
        return engineStarted() ? await testRunHost().run(input, maskPii) : testRun(ctx.db, input, { maskPii });
      } catch (err) {
        if (err instanceof JourneyInvalidError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
        throw new TRPCError({ code: 'BAD_REQUEST', message: (err as Error).message });
      }
    }),
  inFlight: allowed('journeys:read').input(idInput).query(({ ctx, input }) => inFlightByNode(ctx.db, input.id)),
  setStatus: allowed('journeys:lifecycle')
    .input(z.object({ id: z.string().min(1), status: z.enum(['live', 'paused', 'archived']) }))
    .mutation(({ ctx, input }) => {
      const j = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
      if (input.status === 'live' && j.liveVersionId === null) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Publish the journey before making it live' });
      }
      // Resuming replays to held members the events they sent during the pause.
      const { replayed } = changeJourneyStatus(ctx.runtime, input.id, input.status);
      const action = input.status === 'paused' ? 'pause' : input.status === 'archived' ? 'archive' : 'resume';
      audit(ctx, `journey.${action}`, `journey:${input.id}`, { before: { status: j.status }, after: { status: input.status }, replayed });
      return { ok: true, replayed };
    }),
});
