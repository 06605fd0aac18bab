import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { maskBirthday, maskEmail, maskPhone } from '@/analytics/masking';
import { can } from '@/auth/permissions';
import { deleteDraft, deleteGroup, duplicateJourney, groupMembers, listGroups, ToolError } from '@/db/journey-tools';
import { getJourney } from '@/db/journeys';
import type { JourneyDocument } from '@/journey';
import { firstLiveMemberId, loadMemberFacts } from '@/db/member-facts';
import { RunNowError, requestRunNow, runNow, upcomingRuns } from '@/runtime/run-now';
import { engineStarted } from '@/runtime/app-runtime';
import { runRequest, type RunRequest } from '@/db/run-requests';
import { actorName } from '@/auth/permissions';
import { HTML_CHANNELS, renderTemplate } from '@/runtime/template';
import { SAMPLE_COUPON } from '@/runtime/coupons';
import { versionDocument } from '@/db/journey-versions';
import { audit } from '../audit';
import { allowed, notFound, router } from '../trpc';

/** Domain refusals ("has been published", "used by …") are the caller's to fix: 400 with the reason. */
function refusal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ToolError || err instanceof RunNowError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
    throw err;
  }
}

const id = z.string().trim().min(1, 'Journey id is required');

const runView = (r: RunRequest) => ({ requestId: r.id, status: r.status, enrolled: r.enrolled ?? 0, audience: r.audience ?? 0, error: r.error });
const groupId = z.string().trim().min(1, 'Group id is required');

/** Everyday tools around journeys and groups, and the time-driven trigger's schedule. */
export const toolsRouter = router({
  duplicate: allowed('journeys:write')
    .input(z.object({ id, name: z.string().trim().min(1, 'Name is required').max(120) }))
    .mutation(({ ctx, input }) => {
      const copy = refusal(() => duplicateJourney(ctx.db, input.id, input.name, ctx.runtime.clock.now()));
      audit(ctx, 'journey.duplicate', `journey:${copy}`, { from: input.id, after: { name: input.name } });
      return { id: copy };
    }),
  /** Deleting is for drafts only; a published journey is archived. Audited with its name. */
  deleteDraft: allowed('journeys:write')
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => {
      const { name } = refusal(() => deleteDraft(ctx.db, input.id));
      audit(ctx, 'journey.delete', `journey:${input.id}`, { before: { name } });
      return { ok: true };
    }),
  groups: allowed('members:read').query(({ ctx }) => listGroups(ctx.db)),
  groupMembers: allowed('members:read')
    .input(z.object({ groupId, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => groupMembers(ctx.db, input.groupId, input.limit, input.offset)),
  deleteGroup: allowed('segments:write')
    .input(z.object({ groupId }))
    .mutation(({ ctx, input }) => {
      const res = refusal(() => deleteGroup(ctx.db, input.groupId));
      audit(ctx, 'group.delete', `group:${input.groupId}`, { before: { members: res.removed } });
      return res;
    }),
  /** The message as a sample member would get it (personal data masked unless the caller may read it). */
  previewMessage: allowed('journeys:read')
    .input(z.object({ template: z.string().max(20_000), channel: z.string().optional(), memberId: z.string().optional() }))
    .query(({ ctx, input }) => {
      const memberId = input.memberId || firstLiveMemberId(ctx.db);
      const facts = memberId ? loadMemberFacts(ctx.db, memberId) : null;
      if (!facts) return { memberId: null, text: renderTemplate(input.template, { coupon: SAMPLE_COUPON }) };
      const member = can(ctx.principal, 'pii:read') ? facts : { ...facts, phone: maskPhone(facts.phone as string | null), email: maskEmail(facts.email as string | null), birthday: maskBirthday(facts.birthday as string | null) };
      return { memberId: facts.id, name: facts.name, text: renderTemplate(input.template, { member, coupon: SAMPLE_COUPON }, { html: HTML_CHANNELS.has(String(input.channel)) }) };
    }),
  /** The next runs of a time-driven trigger: the live version's, or the draft's before it is published. */
  nextRuns: allowed('journeys:read')
    .input(z.object({ id }))
    .query(({ ctx, input }) => {
      const j = getJourney(ctx.db, input.id) ?? notFound(`Journey "${input.id}"`);
      const live = j.liveVersionId === null ? undefined : versionDocument(ctx.db, j.liveVersionId);
      const doc = (live ?? j.draft) as JourneyDocument;
      const upcoming = upcomingRuns(ctx.db, doc, ctx.runtime.clock.now());
      return upcoming && { ...upcoming, source: live ? ('live' as const) : ('draft' as const), status: j.status };
    }),
  /** "Run now": the next run's audience enrolled at once (a marketer action, audited). */
  /**
   * In the started app the engine workers carry it out (the answer is the queued request, followed with
   * `runNowStatus`); a runtime without workers (tests, the CLI) runs it at once.
   */
  runNow: allowed('journeys:lifecycle')
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => {
      if (engineStarted()) {
        const request = refusal(() => requestRunNow(ctx.runtime, input.id, actorName(ctx.principal)));
        audit(ctx, 'journey.run_now', `journey:${input.id}`, { requestId: request.id });
        return runView(request);
      }
      const res = refusal(() => runNow(ctx.runtime, input.id));
      audit(ctx, 'journey.run_now', `journey:${input.id}`, res);
      return { requestId: null, status: 'done' as const, ...res, error: null };
    }),
  runNowStatus: allowed('journeys:read')
    .input(z.object({ requestId: z.number().int().positive() }))
    .query(({ ctx, input }) => runView(runRequest(ctx.db, input.requestId) ?? notFound(`Run request ${input.requestId}`))),
});
