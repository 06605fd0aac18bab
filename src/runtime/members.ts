import { isLiveMember, memberRecords, recordAudit, scrubMember } from '@/db/member-records';
import { dropMemberInbox } from '@/db/inbox';
import { eraseMemberMessages } from '@/db/message-tracking';
import { timelineOf } from '@/db/step-timeline';
import { InputError } from '@/members/errors';
import type { FieldError, MemberProfile } from '@/members/profile-schema';
import { checkProfiles, writeProfiles } from '@/members/profiles';
import type { JourneyRuntime } from './engine';

export interface UpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: FieldError[];
  /** Problems of each profile, by its index in the given list (empty for the stored ones). */
  problems: FieldError[][];
}

/**
 * Creates or updates members in one transaction. A tier change emits
 * `tier_changed {from, to, direction}`, other changes `profile_updated
 * {fields}`, queued in the same transaction (processed at once by an
 * in-process runtime, by the member's engine worker in the app).
 *
 * `all-or-nothing` (HTTP, tRPC) throws an InputError naming every bad field
 * and stores nothing; `skip-invalid` (imports) stores the good profiles and
 * reports the others.
 */
export function upsertMembers(
  runtime: JourneyRuntime,
  profiles: MemberProfile[],
  opts: { mode: 'all-or-nothing' | 'skip-invalid'; dryRun?: boolean; prefix?: (i: number) => string },
): UpsertSummary {
  const prefix = opts.prefix ?? ((i: number) => (profiles.length === 1 && opts.mode === 'all-or-nothing' ? '' : `[${i}]`));
  const summary = runtime.transaction(() => {
    const problems = checkProfiles(runtime.db, profiles, prefix);
    const errors = problems.flat();
    if (errors.length && opts.mode === 'all-or-nothing') throw new InputError(errors);
    const good = profiles.filter((_, i) => problems[i].length === 0);
    const written = writeProfiles(runtime.db, good, runtime.clock.now(), { dryRun: opts.dryRun });
    if (!opts.dryRun && written.events.length) {
      runtime.refreshSegments();
      for (const change of written.events) runtime.emitProfileEvent(change);
    }
    const rejected = problems.filter((p) => p.length > 0).length;
    return { created: written.created, updated: written.updated, unchanged: written.unchanged, rejected, errors, problems };
  });
  // Tier changes and profile updates were queued; in-process runtimes (tests, the seed) run them now.
  runtime.settle();
  return summary;
}

/** GET /api/members/:id/export: everything stored about a live member, or null when unknown. */
export function exportMember(runtime: JourneyRuntime, memberId: string) {
  if (!isLiveMember(runtime.db, memberId)) return null;
  const r = memberRecords(runtime.db, memberId)!;
  const { erasedAt: _erased, ...profile } = r.member;
  // The path as moments (entered, left, goal), from the compact log and the node the member is at now.
  const pathOf = (e: (typeof r.enrolments)[number]) =>
    timelineOf(
      r.steps.filter((s) => s.enrolmentId === e.id),
      (e.status === 'active' || e.status === 'waiting') && e.nodeId ? { nodeId: e.nodeId, at: e.nodeEnteredAt ?? e.updatedAt } : null,
    ).map((s) => ({ kind: s.kind, nodeId: s.nodeId, handle: s.handle, at: iso(s.at) }));
  return {
    format: 'member-export/v1',
    exportedAt: iso(runtime.clock.now()),
    profile: { ...profile, createdAt: iso(profile.createdAt), updatedAt: iso(profile.updatedAt), unsubscribedAt: iso(profile.unsubscribedAt) },
    identities: r.identities.map((i) => ({ ...i, addedAt: iso(i.addedAt) })),
    tags: r.tags,
    groups: r.groups.map((g) => ({ ...g, addedAt: iso(g.addedAt) })),
    events: r.events.map((e) => ({ id: e.id, type: e.type, occurredAt: iso(e.occurredAt), receivedAt: iso(e.receivedAt), properties: e.properties })),
    enrolments: r.enrolments.map((e) => ({
      journeyId: e.journeyId,
      versionId: e.versionId,
      entryNo: e.entryNo,
      status: e.status,
      nodeId: e.nodeId,
      variant: e.variant,
      exitReason: e.exitReason,
      enteredAt: iso(e.enteredAt),
      goalAt: iso(e.goalAt),
      path: pathOf(e),
    })),
    messages: r.messages.map((m) => ({
      journeyId: m.journeyId,
      nodeId: m.nodeId,
      type: m.type,
      channel: m.channel,
      status: m.status,
      reason: m.reason,
      payload: m.payload,
      createdAt: iso(m.createdAt),
      deliveredAt: iso(m.deliveredAt),
      decisions: r.decisions.filter((d) => d.outboxId === m.id).map((d) => ({ decision: d.decision, reason: d.reason, at: iso(d.at) })),
    })),
    ledgers: {
      points: r.points.map((p) => ({ delta: p.delta, kind: p.kind, reason: p.reason, at: iso(p.at) })),
      assets: r.assets.map((a) => ({ asset: a.asset, delta: a.delta, value: a.value, reason: a.reason, at: iso(a.at) })),
    },
    tasks: r.tasks.map((t) => ({ journeyId: t.journeyId, nodeId: t.nodeId, associate: t.associate, text: t.text, status: t.status, dueAt: iso(t.dueAt), createdAt: iso(t.createdAt) })),
  };
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

/**
 * DELETE /api/members/:id — erasure (PIPL): the member leaves every journey
 * (exit reason `erased`), pending effects are cancelled, personal data is
 * removed from the profile, identities and event properties, and an audit row
 * records it. Counts and step-log rows stay, keyed by the now pseudonymous id.
 * Returns null when the member is unknown (or already erased).
 */
export function eraseMember(runtime: JourneyRuntime, memberId: string, actor: string) {
  if (!isLiveMember(runtime.db, memberId)) return null;
  return runtime.transaction(() => {
    const exited = runtime.exitInFlight(memberId, 'erased');
    // Events still queued for the member would find nobody: drop them with the rest.
    dropMemberInbox(runtime.db, memberId);
    const now = runtime.clock.now();
    const { events, cancelled } = scrubMember(runtime.db, memberId, now);
    // In-app message texts and tracked-link targets are personal data too.
    eraseMemberMessages(runtime.db, memberId);
    const summary = { memberId, exitedJourneys: exited, scrubbedEvents: events, cancelledEffects: cancelled };
    recordAudit(runtime.db, { actor, action: 'member.erase', target: `member:${memberId}`, detail: summary, at: now });
    return summary;
  });
}
