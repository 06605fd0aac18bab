import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { getAppRuntime } from '@/runtime/app-runtime';

export function createContext() {
  return getAppRuntime();
}
export type Context = ReturnType<typeof createContext>;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null;
    return { ...shape, data: { ...shape.data, fieldErrors: zod } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

export function notFound(what: string): never {
  throw new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}
