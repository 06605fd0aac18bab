import { actorName } from '@/auth/permissions';
import { insertAudit } from '@/db/auth-store';
import { getAppRuntime } from '@/runtime/app-runtime';
import { exportMember } from '@/runtime/members';
import { guarded } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/members/:id/export`: everything stored about the member as one JSON document (PIPL right of access); unmasked, so pii:read. */
export const GET = guarded('pii:read', async (_req, principal, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { db, runtime } = getAppRuntime();
  const doc = exportMember(runtime, id);
  if (!doc) return Response.json({ error: `Unknown member "${id}"` }, { status: 404 });
  insertAudit(db, { at: Date.now(), actor: actorName(principal), action: 'member.export', target: `member:${id}`, detail: null });
  const file = `member-${id.replace(/[^\w.-]/g, '_')}.json`;
  return Response.json(doc, { headers: { 'content-disposition': `attachment; filename="${file}"` } });
});
