import { z } from 'zod';
import { asc, like, or, sql } from 'drizzle-orm';
import { members } from '@/db/schema';
import { maskPhone } from '@/analytics/masking';
import { workspaceNames } from '@/db/workspace-names';
import { publicProcedure, router } from '../trpc';

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
});
