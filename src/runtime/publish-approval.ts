import { actorName, can, type Principal } from '@/auth/permissions';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/auth-store';
import { declareWinner, documentWithWinner, getJourney, publishDocument, type PublishResult } from '@/db/journeys';
import { readSetting, writeSetting } from '@/db/member-store';
import { decidePublishRequest, insertPublishRequest, publishRequestById } from '@/db/publish-requests';
import { versionDocument } from '@/db/journey-versions';
import { journeyDocumentSchema, validateJourney, type JourneyDocument } from '@/journey';
import { InputError } from '@/members/errors';
import { publishReview, type PublishReview } from './publish-review';

export type PublishOutcome = PublishResult | { ok: true; pending: true; requestId: number; review: PublishReview };

/** Admins may let small publishes through without review: settings key `approval` {minMembers}. */
export function approvalThreshold(db: Db): number {
  return readSetting<{ minMembers?: number }>(db, 'approval')?.minMembers ?? 0;
}

export function setApprovalThreshold(db: Db, minMembers: number, principal: Principal): void {
  const before = approvalThreshold(db);
  writeSetting(db, 'approval', { minMembers });
  insertAudit(db, { at: Date.now(), actor: actorName(principal), action: 'settings.approval', target: 'settings:approval', detail: { before: { minMembers: before }, after: { minMembers } } });
}

function liveDocument(db: Db, journeyId: string): JourneyDocument | null {
  const j = getJourney(db, journeyId);
  if (!j?.liveVersionId) return null;
  return versionDocument(db, j.liveVersionId) ?? null;
}

/**
 * Publishing by someone who may not approve (a marketer) becomes a request
 * an approver reviews, unless the estimated audience is below the workspace's
 * threshold. Approvers and admins publish at once. Either way it is audited.
 */
export function publishOrRequest(db: Db, journeyId: string, principal: Principal, opts: { migrate?: boolean; winner?: { nodeId: string; variant: string } }, now = Date.now()): PublishOutcome {
  const journey = getJourney(db, journeyId);
  if (!journey) throw new InputError([{ field: 'id', message: `Journey "${journeyId}" not found` }]);
  const live = liveDocument(db, journeyId);
  const winner = opts.winner;
  const draft = winner ? live && documentWithWinner(live, winner.nodeId, winner.variant) : (journey.draft as JourneyDocument);
  if (!draft) throw new InputError([{ field: 'id', message: `Journey "${journeyId}" has no live version` }]);
  const problems = validateJourney(draft);
  if (problems.length) return { ok: false, problems };
  const doc = journeyDocumentSchema.parse(draft);
  const review = publishReview(db, live, doc, now);
  const actor = actorName(principal);
  const kind = opts.winner ? 'declare_winner' : 'publish';
  if (can(principal, 'journeys:approve') || review.audience.members < approvalThreshold(db)) {
    const result = opts.winner ? declareWinner(db, journeyId, opts.winner.nodeId, opts.winner.variant, now) : publishDocument(db, journeyId, doc, now, { migrate: opts.migrate });
    if (result.ok) insertAudit(db, { at: now, actor, action: `journey.${kind}`, target: `journey:${journeyId}`, detail: { version: result.version.number, migrated: result.migrated, kept: result.kept, changes: review.nodes } });
    return result;
  }
  const requestId = insertPublishRequest(db, { journeyId, kind, document: doc, params: { migrate: !!opts.migrate, ...(opts.winner ?? {}) }, review, requestedBy: actor, requestedAt: now });
  insertAudit(db, { at: now, actor, action: `journey.${kind}_requested`, target: `journey:${journeyId}`, detail: { requestId, audience: review.audience, channels: review.channels } });
  return { ok: true, pending: true, requestId, review };
}

/** An approver's decision. The author may not approve their own request; approval publishes exactly the reviewed document. */
export function decidePublish(db: Db, requestId: number, principal: Principal, approve: boolean, comment: string | null, now = Date.now()): { status: 'approved' | 'rejected'; result?: PublishResult } {
  const request = publishRequestById(db, requestId);
  if (!request || request.status !== 'pending') throw new InputError([{ field: 'id', message: `Request ${requestId} is not pending` }]);
  const actor = actorName(principal);
  if (request.requestedBy === actor) throw new InputError([{ field: 'id', message: 'The author of a request cannot approve or reject it' }]);
  const status = approve ? 'approved' : 'rejected';
  return db.transaction(() => {
    let result: PublishResult | undefined;
    if (approve) {
      const params = (request.params ?? {}) as { migrate?: boolean; nodeId?: string; variant?: string };
      result = request.kind === 'declare_winner' ? declareWinner(db, request.journeyId, params.nodeId!, params.variant!, now) : publishDocument(db, request.journeyId, request.document, now, { migrate: params.migrate });
      if (!result.ok) throw new InputError(result.problems.map((p) => ({ field: p.nodeId ? `node ${p.nodeId}` : p.path, message: p.message })));
    }
    if (!decidePublishRequest(db, requestId, { status, decidedBy: actor, decidedAt: now, comment })) throw new InputError([{ field: 'id', message: `Request ${requestId} was decided meanwhile` }]);
    insertAudit(db, { at: now, actor, action: approve ? 'journey.approve' : 'journey.reject', target: `journey:${request.journeyId}`, detail: { requestId, comment, requestedBy: request.requestedBy, version: result?.ok ? result.version.number : undefined } });
    return { status, result };
  });
}
