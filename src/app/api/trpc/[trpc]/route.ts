import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/root';
import { getAppRuntime } from '@/runtime/app-runtime';
import { guard } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Who is asking is settled once here (401 / 429 / CSRF); each procedure then checks its own permission. */
async function handler(req: Request) {
  const g = guard(req, null);
  if (!g.ok) return g.response;
  const app = getAppRuntime();
  return fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: () => ({ db: app.db, runtime: app.runtime, principal: g.principal }) });
}

export { handler as GET, handler as POST };
