import type { OutboundMessage, ProviderCache, SendContext } from '@/channels/types';

/** An in-memory token cache that counts how often each key was stored. */
export function memoryCache(): ProviderCache & { stored: Map<string, number>; tokens: Map<string, { token: string; expiresAt: number }> } {
  const tokens = new Map<string, { token: string; expiresAt: number }>();
  const stored = new Map<string, number>();
  return {
    tokens,
    stored,
    get: (key, now) => {
      const t = tokens.get(key);
      return t && t.expiresAt > now ? t.token : null;
    },
    set: (key, token, expiresAt) => {
      tokens.set(key, { token, expiresAt });
      stored.set(key, (stored.get(key) ?? 0) + 1);
    },
    delete: (key) => void tokens.delete(key),
  };
}

export function providerCtx(now = Date.parse('2026-11-02T00:00:00Z'), cache = memoryCache()): SendContext & { cache: ReturnType<typeof memoryCache> } {
  return { fetch, now: () => now, cache, signal: AbortSignal.timeout(5_000) };
}

export function message(over: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    idempotencyKey: 'e1:msg:1',
    memberId: 'm1',
    journeyId: 'j1',
    nodeId: 'msg',
    channel: 'sms',
    recipient: { memberId: 'm1', phone: '+8613800138000', email: 'wf@example.com', wechatOpenId: 'o-abc', deviceId: 'reg-1', associate: 'zhangsan', wecomExternalUserId: 'wmEXT1' },
    text: 'Hello',
    ...over,
  };
}
