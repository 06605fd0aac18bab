import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { can, type Principal } from '@/auth/permissions';
import { piiFieldsIn } from '@/auth/pii';
import { deleteSegment, listSegments, saveSegment, uploadGroup } from '@/db/segments';
import { conditionSchema } from '@/journey';
import { journeysUsingSegment, previewAudience, segmentSizes } from '@/runtime/audiences';
import { audit } from '../audit';
import { notFound, allowed, router } from '../trpc';

/** A count of who matches a rule on a masked field is an oracle for its value: only for people who may see it. */
function refusePiiRules(principal: Principal, condition: unknown): void {
  const fields = piiFieldsIn(condition);
  if (fields.length && !can(principal, 'pii:read')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `Rules on ${fields.join(', ')} need permission to read personal data (pii:read)` });
  }
}

const slug = (what: string) => z.string().regex(/^[\w-]{1,64}$/, `${what} ids use letters, digits, "_" and "-" (at most 64)`);

/** Saved segments (人群, a condition) and static groups (客群, uploaded ids): the Segments page. */
export const segmentsRouter = router({
  /** Saved segments with how many members are in each right now. */
  list: allowed('members:read').query(({ ctx }) => {
    const sizes = segmentSizes(ctx.db, ctx.runtime.clock.now());
    return listSegments(ctx.db).map((s) => ({ ...s, members: sizes[s.id] ?? 0 }));
  }),
  /** Who a condition selects right now, before it is saved. */
  preview: allowed('members:read')
    .input(z.object({ condition: conditionSchema }))
    .query(({ ctx, input }) => {
      refusePiiRules(ctx.principal, input.condition);
      return previewAudience(ctx.db, input.condition, ctx.runtime.clock.now());
    }),
  save: allowed('segments:write')
    .input(z.object({ id: slug('Segment'), name: z.string().trim().min(1, 'Name the segment').max(80), condition: conditionSchema }))
    .mutation(({ ctx, input }) => {
      refusePiiRules(ctx.principal, input.condition);
      saveSegment(ctx.db, input, ctx.runtime.clock.now());
      audit(ctx, 'segment.save', `segment:${input.id}`, { after: input });
      return { id: input.id };
    }),
  /** Refused while a published journey tests the segment: it would silently change who that journey reaches. */
  delete: allowed('segments:write').input(z.object({ id: z.string().min(1) })).mutation(({ ctx, input }) => {
    const users = journeysUsingSegment(ctx.db, input.id);
    if (users.length) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `Segment "${input.id}" is used by ${users.map((j) => `"${j.name}"`).join(', ')}` });
    }
    if (!deleteSegment(ctx.db, input.id)) notFound(`Segment "${input.id}"`);
    audit(ctx, 'segment.delete', `segment:${input.id}`);
    return { ok: true };
  }),
  /** A static group (客群) from an uploaded list of member ids; unknown ids are named, not stored. */
  uploadGroup: allowed('segments:write')
    .input(z.object({ groupId: slug('Group'), memberIds: z.array(z.string()).min(1, 'List at least one member id').max(100_000) }))
    .mutation(({ ctx, input }) => {
      const result = uploadGroup(ctx.db, input.groupId, input.memberIds, ctx.runtime.clock.now());
      audit(ctx, 'group.upload', `group:${input.groupId}`, { ids: input.memberIds.length });
      return result;
    }),
});
