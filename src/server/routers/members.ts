import { z } from 'zod';
import { asc, like, or, sql } from 'drizzle-orm';
import { members } from '@/db/schema';
import { maskPhone } from '@/analytics/masking';
import { workspaceNames } from '@/db/workspace-names';
import { conditionSchema } from '@/journey';
import { deleteSegment, journeysUsingSegment, listSegments, previewAudience, saveSegment, segmentSizes, uploadGroup } from '@/runtime/audiences';
import { TRPCError } from '@trpc/server';
import { notFound, publicProcedure, router } from '../trpc';

const slug = (what: string) => z.string().regex(/^[\w-]{1,64}$/, `${what} ids use letters, digits, "_" and "-" (at most 64)`);

export const membersRouter = router({
  list: publicProcedure
    .input(z.object({ search: z.string().optional(), limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }))
    .query(({ ctx, input }) => {
      const where = input.search ? or(like(members.id, `%${input.search}%`), like(members.name, `%${input.search}%`)) : undefined;
      const rows = ctx.db
        .select({ id: members.id, name: members.name, tier: members.tier, city: members.city, points: members.points, phone: members.phone, tz: members.tz })
        .from(members)
        .where(where)
        .orderBy(asc(members.id))
        .limit(input.limit)
        .offset(input.offset)
        .all();
      const total = ctx.db.select({ n: sql<number>`count(*)` }).from(members).where(where).get()?.n ?? 0;
      return { total, rows: rows.map((r) => ({ ...r, phone: maskPhone(r.phone) })) };
    }),
  /** Segments, groups, tags, event types and custom attributes this workspace has: what the editor's pickers offer. */
  vocabulary: publicProcedure.query(({ ctx }) => workspaceNames(ctx.db)),
  /** Saved segments (人群) with how many members are in each right now. */
  segments: publicProcedure.query(({ ctx }) => {
    const sizes = segmentSizes(ctx.db, ctx.runtime.clock.now());
    return listSegments(ctx.db).map((s) => ({ ...s, members: sizes[s.id] ?? 0 }));
  }),
  /** Who a condition selects right now, before it is saved. */
  previewSegment: publicProcedure
    .input(z.object({ condition: conditionSchema }))
    .query(({ ctx, input }) => previewAudience(ctx.db, input.condition, ctx.runtime.clock.now())),
  saveSegment: publicProcedure
    .input(z.object({ id: slug('Segment'), name: z.string().trim().min(1, 'Name the segment').max(80), condition: conditionSchema }))
    .mutation(({ ctx, input }) => {
      saveSegment(ctx.db, input, ctx.runtime.clock.now());
      return { id: input.id };
    }),
  /** Refused while a published journey tests the segment: it would silently change who that journey reaches. */
  deleteSegment: publicProcedure.input(z.object({ id: z.string().min(1) })).mutation(({ ctx, input }) => {
    const users = journeysUsingSegment(ctx.db, input.id);
    if (users.length) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `Segment "${input.id}" is used by ${users.map((j) => `"${j.name}"`).join(', ')}` });
    }
    if (!deleteSegment(ctx.db, input.id)) notFound(`Segment "${input.id}"`);
    return { ok: true };
  }),
  /** A static group (客群) from an uploaded list of member ids; unknown ids are named, not stored. */
  uploadGroup: publicProcedure
    .input(z.object({ groupId: slug('Group'), memberIds: z.array(z.string()).min(1, 'List at least one member id').max(100_000) }))
    .mutation(({ ctx, input }) => uploadGroup(ctx.db, input.groupId, input.memberIds, ctx.runtime.clock.now())),
});
