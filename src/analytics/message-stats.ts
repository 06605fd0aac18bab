import type { Db } from '@/db/client';
import { messageCountsByNode, type MessageCounts } from '@/db/message-stats';
import { hourWindow, type DateRange } from './date-range';

export type { MessageCounts } from '@/db/message-stats';

/**
 * Sent, delivered, failed, clicked… per message node, for messages created in
 * the range (rounded to whole hours like the node counts beside them).
 */
export function journeyMessageStats(db: Db, journeyId: string, range?: DateRange): { nodes: Record<string, MessageCounts> } {
  const w = hourWindow(range);
  return { nodes: messageCountsByNode(db, journeyId, w.fromMs, w.toMs) };
}
