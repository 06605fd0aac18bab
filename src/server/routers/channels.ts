import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorName } from '@/auth/permissions';
import { describeChannels, providerCatalogue, removeChannelProvider, saveChannelProvider } from '@/channels/config';
import { publicBaseUrl } from '@/channels/links';
import { recipientFor } from '@/channels/recipient';
import { PROVIDER_CHANNELS } from '@/channels/registry';
import { secretsKeyPresent } from '@/channels/secrets';
import { sendMessage } from '@/channels/send';
import type { Recipient } from '@/channels/types';
import type { Db } from '@/db/client';
import { audit } from '../audit';
import { allowed, notFound, router } from '../trpc';

const channel = z.enum(PROVIDER_CHANNELS as unknown as [string, ...string[]], { error: `channel must be one of ${PROVIDER_CHANNELS.join(', ')}` });

/** Whom a test goes to: a member by id, else the typed address in the field the channel reads. */
function testRecipient(db: Db, ch: string, to: string): Recipient {
  const member = recipientFor(db, to);
  if (member) return member;
  const r: Recipient = { memberId: to };
  if (ch === 'email') r.email = to;
  else if (ch === 'sms') r.phone = to;
  else if (ch === 'wechat_template' || ch === 'miniprogram') r.wechatOpenId = to;
  else if (ch === 'app_push') r.deviceId = to;
  else if (ch === 'wecom') r.wecomExternalUserId = to;
  return r;
}

/** Settings → Channels (admins): which provider sends each channel, its credentials (write-only), and test sends. */
export const channelsRouter = router({
  /** For the canvas, the test run and the report (anyone who reads journeys): which channels really send, and through what. No settings, no secrets. */
  modes: allowed('journeys:read').query(({ ctx }) =>
    Object.fromEntries(describeChannels(ctx.db).map((c) => [c.channel, { mode: c.mode, provider: c.provider }])),
  ),
  overview: allowed('channels:admin').query(({ ctx }) => ({
    channels: describeChannels(ctx.db),
    providers: providerCatalogue(),
    secretsKey: secretsKeyPresent(),
    receiptBase: `${publicBaseUrl()}/api/receipts/`,
  })),
  save: allowed('channels:admin')
    .input(z.object({ channel, provider: z.string().min(1, 'provider is required'), values: z.record(z.string(), z.string().max(20_000)) }))
    .mutation(({ ctx, input }) => {
      saveChannelProvider(ctx.db, input, actorName(ctx.principal), Date.now());
      // Field names only: secret values never reach the audit log.
      audit(ctx, 'channel.provider.save', `channel:${input.channel}`, { after: { provider: input.provider, fields: Object.keys(input.values).filter((k) => input.values[k] !== '') } });
      return { ok: true };
    }),
  remove: allowed('channels:admin')
    .input(z.object({ channel }))
    .mutation(({ ctx, input }) => {
      if (!removeChannelProvider(ctx.db, input.channel)) notFound(`Provider of ${input.channel}`);
      audit(ctx, 'channel.provider.remove', `channel:${input.channel}`);
      return { ok: true };
    }),
  /** Sends one message now through the channel's provider; the answer says what the provider said. */
  test: allowed('channels:admin')
    .input(
      z.object({
        channel,
        to: z.string().trim().min(1, 'to is required').max(254),
        text: z.string().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const text = input.text || 'Test message from Journey Canvas / 画布营销测试消息';
      const result = await sendMessage(
        ctx.db,
        {
          idempotencyKey: `test:${randomUUID()}`,
          memberId: input.to,
          journeyId: 'settings-test',
          nodeId: 'test',
          channel: input.channel,
          recipient: testRecipient(ctx.db, input.channel, input.to),
          subject: 'Test message / 测试消息',
          text,
          html: `<p>${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
        },
        { test: true },
      );
      audit(ctx, 'channel.test', `channel:${input.channel}`, { after: 'recordOnly' in result ? { recordOnly: true } : { ok: result.ok, ...(result.ok ? {} : { reason: result.reason }) } });
      return result;
    }),
});
