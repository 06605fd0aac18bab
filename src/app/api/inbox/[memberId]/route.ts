import { inboxOf } from '@/db/message-tracking';
import { getAppRuntime } from '@/runtime/app-runtime';
import { guarded } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/inbox/:memberId?limit=50`: the member's in-app messages, newest first, with read state. */
export const GET = guarded('inbox:read', async (req, _principal, { params }: { params: Promise<{ memberId: string }> }) => {
  const { memberId } = await params;
  const raw = new URL(req.url).searchParams.get('limit');
  const limit = raw === null ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return Response.json({ error: 'limit must be a whole number from 1 to 500', errors: [{ field: 'limit', message: 'limit must be a whole number from 1 to 500' }] }, { status: 400 });
  const messages = inboxOf(getAppRuntime().db, memberId, limit).map((m) => ({
    id: m.id,
    title: m.title,
    body: m.body,
    journeyId: m.journeyId,
    nodeId: m.nodeId,
    createdAt: new Date(m.createdAt).toISOString(),
    readAt: m.readAt === null ? null : new Date(m.readAt).toISOString(),
  }));
  return Response.json({ memberId, unread: messages.filter((m) => m.readAt === null).length, messages });
});
