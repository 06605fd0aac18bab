import { permissionsOf } from '@/auth/permissions';
import { guard } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/auth/me`: who is signed in and what they may do (the UI hides what would be refused anyway). */
export async function GET(req: Request) {
  const g = guard(req, null);
  if (!g.ok) return g.response;
  const p = g.principal;
  return Response.json({ principal: p.kind === 'user' ? { kind: p.kind, email: p.email, name: p.name, role: p.role } : p, permissions: permissionsOf(p) });
}
