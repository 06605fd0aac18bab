import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Db } from '@/db/client';
import type { JourneyRuntime } from '@/runtime/engine';
import { isInputError } from '@/members/errors';
import { can, type Permission, type Principal } from '@/auth/permissions';

/** What every procedure sees: the app's database and engine, and who is asking (settled by the route's guard). */
export interface Context {
  db: Db;
  runtime: JourneyRuntime;
  principal: Principal | null;
}

const t = initTRPC
  .context<Context>()
  .meta<{ permission: Permission }>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fieldErrors =
        cause instanceof ZodError
          ? cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
          : isInputError(cause)
            ? cause.fields.map((f) => ({ path: f.field, message: f.message }))
            : null;
      return { ...shape, data: { ...shape.data, fieldErrors } };
    },
  });

/** Bad input found below the router (unknown member, erased id, identity taken) is the caller's 400, not a 500. */
const inputErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isInputError(result.error.cause)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

/** Runs before the input is parsed: a caller without the permission learns nothing from validation messages. */
const permitted = t.middleware(({ ctx, meta, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send Authorization: Bearer <key>' });
  if (!meta || !can(ctx.principal, meta.permission)) throw new TRPCError({ code: 'FORBIDDEN', message: `Not allowed: needs ${meta?.permission ?? 'a permission'}` });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

export const router = t.router;

/** Every procedure names the one permission it needs (see src/auth/permissions.ts); there is no public procedure. */
export const allowed = (permission: Permission) => t.procedure.meta({ permission }).use(permitted).use(inputErrors);

export function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}
