import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { actorName, ROLES } from '@/auth/permissions';
import { insertApiKey, insertAudit, insertUser, listApiKeys, listUsers, revokeApiKey, updateUser, userByEmail } from '@/db/auth-store';
import { newApiKeySecret } from '../auth/authenticate';
import { hashPassword } from '../auth/passwords';
import { allowed, notFound, router } from '../trpc';

/** Users and API keys (admin only); every change is audited. */
export const accessRouter = router({
  users: allowed('users:admin').query(({ ctx }) => listUsers(ctx.db)),
  createUser: allowed('users:admin')
    .input(z.object({ email: z.email('email must be an email address'), name: z.string().trim().min(1).max(80), role: z.enum(ROLES), password: z.string().min(12, 'password must have at least 12 characters').max(200) }))
    .mutation(async ({ ctx, input }) => {
      if (userByEmail(ctx.db, input.email)) throw new TRPCError({ code: 'BAD_REQUEST', message: `A user with email ${input.email} exists` });
      const id = randomUUID();
      const now = Date.now();
      insertUser(ctx.db, { id, email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password), createdAt: now });
      insertAudit(ctx.db, { at: now, actor: actorName(ctx.principal), action: 'user.create', target: `user:${input.email.toLowerCase()}`, detail: { after: { role: input.role, name: input.name } } });
      return { id };
    }),
  setRole: allowed('users:admin')
    .input(z.object({ email: z.string().min(1), role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => {
      const user = userByEmail(ctx.db, input.email) ?? notFound(`User ${input.email}`);
      updateUser(ctx.db, user.id, { role: input.role });
      insertAudit(ctx.db, { at: Date.now(), actor: actorName(ctx.principal), action: 'user.role', target: `user:${user.email}`, detail: { before: { role: user.role }, after: { role: input.role } } });
      return { ok: true };
    }),
  keys: allowed('users:admin').query(({ ctx }) => listApiKeys(ctx.db)),
  /** The secret is in this answer only; the database keeps its hash. */
  createKey: allowed('users:admin')
    .input(z.object({ name: z.string().trim().min(1, 'Name the key').max(80), scope: z.enum(['ingest', 'admin']) }))
    .mutation(({ ctx, input }) => {
      const key = newApiKeySecret();
      const now = Date.now();
      insertApiKey(ctx.db, { id: key.id, name: input.name, scope: input.scope, prefix: key.prefix, keyHash: key.hash, createdBy: actorName(ctx.principal), createdAt: now });
      insertAudit(ctx.db, { at: now, actor: actorName(ctx.principal), action: 'key.create', target: `key:${input.name}`, detail: { after: { scope: input.scope, prefix: key.prefix } } });
      return { id: key.id, secret: key.secret, prefix: key.prefix };
    }),
  revokeKey: allowed('users:admin')
    .input(z.object({ id: z.string().min(1) }))
    .mutation(({ ctx, input }) => {
      if (!revokeApiKey(ctx.db, input.id, Date.now())) notFound(`API key ${input.id}`);
      insertAudit(ctx.db, { at: Date.now(), actor: actorName(ctx.principal), action: 'key.revoke', target: `key:${input.id}`, detail: null });
      return { ok: true };
    }),
});
