import { recordMemberEvent } from '@/channels/events';
import { markInboxRead, recordMessageOutcome } from '@/db/message-tracking';
import { getAppRuntime } from '@/runtime/app-runtime';
import { guarded } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ memberId: string; messageId: string }> };

/** Read receipt: marks the message read and, the first time, records `message_opened` for its journey node. */
export const POST = guarded('inbox:read', async (_req, _principal, { params }: Params) => {
  const { memberId, messageId } = await params;
  const id = Number(messageId);
  if (!Number.isInteger(id) || id < 1) return Response.json({ error: 'messageId must be a positive whole number', errors: [{ field: 'messageId', message: 'messageId must be a positive whole number' }] }, { status: 400 });
  const { db } = getAppRuntime();
  const read = markInboxRead(db, memberId, id, Date.now());
  if (!read) return Response.json({ error: `Member "${memberId}" has no message ${id}` }, { status: 404 });
  if (read.first) {
    recordMessageOutcome(db, read.row.idempotencyKey, 'opened', read.row.readAt!);
    recordMemberEvent({
      memberId,
      type: 'message_opened',
      properties: { journeyId: read.row.journeyId, nodeId: read.row.nodeId, channel: 'in_app' },
      id: `receipt:in_app:${read.row.idempotencyKey}:opened`,
    });
  }
  return Response.json({ id, readAt: new Date(read.row.readAt!).toISOString() });
});
