import { z } from 'zod';
import { insertInboxMessage } from '@/db/message-tracking';
import type { ChannelProvider } from '../types';

export const inAppConfig = z.object({});

/**
 * The in-app inbox: a message is delivered by storing it (once per idempotency
 * key); the brand's app reads it from `GET /api/inbox/:memberId` and confirms
 * reading with a read receipt. Needs no credentials, so in-app always sends.
 */
export const inAppProvider: ChannelProvider<Record<string, never>> = {
  id: 'in_app',
  channels: ['in_app'],
  label: { en: 'In-app inbox', zh: '应用内消息' },
  acceptIsDelivery: true,
  configSchema: inAppConfig as unknown as z.ZodType<Record<string, never>>,
  fields: [],
  async send(_config, msg, ctx) {
    if (!ctx.db) return { ok: false, retry: false, reason: 'in-app delivery needs the database' };
    const id = insertInboxMessage(ctx.db, {
      idempotencyKey: msg.idempotencyKey,
      memberId: msg.memberId,
      journeyId: msg.journeyId,
      nodeId: msg.nodeId,
      title: msg.subject ?? null,
      body: msg.text,
      createdAt: ctx.now(),
    });
    return { ok: true, providerMessageId: String(id) };
  },
};
