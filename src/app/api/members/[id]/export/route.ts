import { getAppRuntime } from '@/runtime/app-runtime';
import { exportMember } from '@/runtime/members';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/members/:id/export`: everything stored about the member as one JSON document (PIPL right of access). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const doc = exportMember(getAppRuntime().runtime, id);
  if (!doc) return Response.json({ error: `Unknown member "${id}"` }, { status: 404 });
  const file = `member-${id.replace(/[^\w.-]/g, '_')}.json`;
  return Response.json(doc, { headers: { 'content-disposition': `attachment; filename="${file}"` } });
}
