import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { getAppRuntime } from '@/runtime/app-runtime';
import { isInputError } from '@/members/errors';

export function createContext() {
  return getAppRuntime();
}
export type Context = ReturnType<typeof createContext>;

const t = initTRPC.context<Context>().create({
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

export const router = t.router;
export const publicProcedure = t.procedure.use(inputErrors);

export function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}
