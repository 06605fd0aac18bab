import type { z } from 'zod';
import type { Db } from '@/db/client';

/** A label in the two languages of the UI. */
export interface Label {
  en: string;
  zh: string;
}

/** Whom a message goes to: everything the providers may need, read from the member and their identities. */
export interface Recipient {
  memberId: string;
  phone?: string;
  email?: string;
  wechatOpenId?: string;
  deviceId?: string;
  /** The store associate (WeCom user id) who sends one-to-one messages for the brand. */
  associate?: string;
  /** The member as a WeCom external contact, from the member's `wecomExternalUserId` attribute. */
  wecomExternalUserId?: string;
}

/** One message as the delivery loop hands it to `sendMessage`: rendered, addressed, with its effect's idempotency key. */
export interface OutboundMessage {
  idempotencyKey: string;
  memberId: string;
  journeyId: string;
  nodeId: string;
  channel: string;
  recipient: Recipient;
  subject?: string;
  text: string;
  html?: string;
  /** Template-based channels (SMS signatures, WeChat, subscribe messages) send a template id and params, not free text. */
  templateId?: string;
  params?: Record<string, string>;
  /** Rewrite http(s) links to tracked `/r/:token` links before sending. */
  links?: boolean;
  /** Filled by `sendMessage` for email: the one-click unsubscribe link (`/u/:token`). */
  unsubscribeUrl?: string;
}

export type SendResult =
  | { ok: true; providerMessageId?: string }
  | { ok: false; retry: boolean; reason: string; consentRevoked?: boolean; retryAfterMs?: number };

/** Access tokens shared across sends and restarts (stored in `provider_tokens`). */
export interface ProviderCache {
  get(key: string, now: number): string | null;
  set(key: string, token: string, expiresAt: number): void;
  delete(key: string): void;
}

export interface SendContext {
  fetch: typeof fetch;
  now: () => number;
  cache: ProviderCache;
  /** Aborts when the per-request timeout passes. */
  signal: AbortSignal;
  /** Only for providers that deliver into our own database (the in-app inbox). */
  db?: Db;
}

export interface ProviderField {
  key: string;
  label: Label;
  /** Stored encrypted, never sent back to the browser (shown as "set"). */
  secret?: boolean;
  kind?: 'text' | 'url' | 'email' | 'textarea' | 'select';
  options?: string[];
  optional?: boolean;
  placeholder?: string;
}

/** What a provider's delivery callback says about one message. */
export interface Receipt {
  status: 'delivered' | 'failed' | 'opened';
  providerMessageId?: string;
  idempotencyKey?: string;
  reason?: string;
}

export interface ChannelProvider<C = Record<string, string>> {
  id: string;
  channels: string[];
  label: Label;
  configSchema: z.ZodType<C>;
  fields: ProviderField[];
  send(config: C, msg: OutboundMessage, ctx: SendContext): Promise<SendResult>;
  /** Reads a delivery callback (`POST /api/receipts/:provider`); throws on a body it cannot read. */
  parseReceipt?(body: unknown): Receipt[];
  /** The provider sends no delivery receipts and its acceptance is final (SMTP relay's 250, the in-app inbox): count accepted as delivered. */
  acceptIsDelivery?: boolean;
  /** What the provider expects back from a callback, when it checks the answer. */
  receiptAck?: unknown;
}

/** A provider of any config, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProvider = ChannelProvider<any>;

/** Environment variables as the channel layer reads them (tests pass their own). */
export type Env = Record<string, string | undefined>;
