import { actorName } from '@/auth/permissions';
import { getAppRuntime } from '@/runtime/app-runtime';
import { clearedSessionCookie, signOut } from '@/server/auth/authenticate';
import { guard } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `POST /api/auth/logout`: ends the session (same-site only, like every cookie-authenticated change). */
export async function POST(req: Request) {
  const g = guard(req, null);
  if (!g.ok) return g.response;
  signOut(getAppRuntime().db, req, actorName(g.principal));
  return Response.json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie() } });
}
