import { z } from 'zod';
import { maskEmail, maskPhone } from '@/analytics/masking';
import { memberPageRecords, memberTiers, searchMembers } from '@/db/member-search';
import { ImportBatcher } from '@/members/import';
import type { MemberProfile } from '@/members/profile-schema';
import { recordToProfile } from '@/members/record';
import { upsertMembers } from '@/runtime/members';
import { workspaceNames } from '@/db/workspace-names';
import { segmentMemberIds } from '@/runtime/audiences';
import { audit } from '../audit';
import { notFound, allowed, router } from '../trpc';

/** Rows per `importRows` call (the page sends 1,000 at a time). */
const MAX_IMPORT_ROWS = 2_000;

// Saved segments and static groups have their own router (segments.ts).
export const membersRouter = router({
  /** Live members matching a search (id, name, email, phone digits) and filters; phone and email masked. */
  list: allowed('members:read')
    .input(
      z.object({
        search: z.string().max(200).optional(),
        tier: z.string().max(64).optional(),
        tag: z.string().max(64).optional(),
        segment: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => {
      const ids = input.segment ? segmentMemberIds(ctx.db, input.segment, ctx.runtime.clock.now()) : undefined;
      const page = searchMembers(ctx.db, { ...input, ids });
      return { total: page.total, rows: page.rows.map((r) => ({ ...r, phone: maskPhone(r.phone), email: maskEmail(r.email) })) };
    }),
  /** Tiers live members have: the tier filter's options. */
  tiers: allowed('members:read').query(({ ctx }) => memberTiers(ctx.db)),
  /** A member's page: profile (personal data masked), consent, tags, groups, identities, ledgers, open tasks, enrolments. */
  profile: allowed('members:read').input(z.object({ id: z.string().min(1).max(128) })).query(({ ctx, input }) => {
    const records = memberPageRecords(ctx.db, input.id) ?? notFound(`Member "${input.id}"`);
    return maskedPage(records);
  }),
  /**
   * One chunk of an import from the members page: rows already mapped to profile columns (`consent.sms`,
   * `attributes.x`, tags separated by "|"). Bad rows are reported by line (`firstLine` + index), good ones stored.
   */
  importRows: allowed('members:write')
    .input(
      z.object({
        rows: z.array(z.record(z.string().max(100), z.string().max(10_000))).max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS} rows per request`),
        firstLine: z.number().int().min(1),
        dryRun: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => {
      const sink = (profiles: MemberProfile[]) => upsertMembers(ctx.runtime, profiles, { mode: 'skip-invalid', dryRun: input.dryRun, prefix: () => '' });
      const batcher = new ImportBatcher(sink, input.dryRun, MAX_IMPORT_ROWS);
      input.rows.forEach((row, i) => batcher.add(recordToProfile(row), input.firstLine + i));
      batcher.flush();
      const { rows, created, updated, unchanged, rejected, errors } = batcher.summary;
      if (!input.dryRun) audit(ctx, 'members.import', `rows:${input.firstLine}-${input.firstLine + input.rows.length - 1}`, { rows, created, updated, unchanged, rejected });
      return { rows, created, updated, unchanged, rejected, errors };
    }),
  /** Segments, groups, tags, event types and custom attributes this workspace has: what the editor's pickers offer. */
  vocabulary: allowed('members:read').query(({ ctx }) => workspaceNames(ctx.db)),
});

/** Identity values other than phone and email (WeChat, device ids): the ends only. */
function maskId(value: string): string {
  return value.length >= 8 ? `${value.slice(0, 3)}****${value.slice(-2)}` : '****';
}

/** A member page as the UI may see it: phone, email, birthday year and identity values masked here, never in the browser. */
function maskedPage(r: NonNullable<ReturnType<typeof memberPageRecords>>) {
  const m = r.member;
  return {
    profile: {
      id: m.id,
      name: m.name,
      phone: maskPhone(m.phone),
      email: maskEmail(m.email),
      gender: m.gender,
      birthday: m.birthday ? `****-${m.birthday.slice(5)}` : null,
      city: m.city,
      store: m.store,
      associate: m.associate,
      tier: m.tier,
      points: m.points,
      growth: m.growth,
      storedValue: m.storedValue,
      tz: m.tz,
      joinedAt: m.joinDate,
      joinChannel: m.joinChannel,
      attributes: m.attributes,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    },
    consent: m.consent,
    unsubscribed: m.unsubscribedAt !== null,
    tags: r.tags,
    groups: r.groups,
    identities: r.identities.map((i) => ({
      type: i.type,
      value: i.type === 'phone' ? maskPhone(i.value) : i.type === 'email' ? maskEmail(i.value) : maskId(i.value),
      addedAt: i.addedAt,
    })),
    points: r.points,
    assets: r.assets,
    openTasks: r.openTasks,
    enrolments: r.enrolments,
  };
}
