import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { isInputError } from '@/members/errors';
import { count } from '@/test/fixtures';
import { describeChannels, saveChannelProvider } from './config';
import { decryptSecrets, encryptSecrets, SecretsKeyError } from './secrets';
import { resolveProvider, sendMessage } from './send';

const KEY = { SECRETS_KEY: 'correct horse battery staple 2026' };

describe('provider secrets at rest (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time and no plaintext in the stored text', () => {
    const a = encryptSecrets({ accessKeySecret: 'sk-龙-123' }, KEY);
    const b = encryptSecrets({ accessKeySecret: 'sk-龙-123' }, KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-');
    expect(decryptSecrets(a, KEY)).toEqual({ accessKeySecret: 'sk-龙-123' });
  });

  it('is standard AES-256-GCM: node:crypto opens it independently with the HKDF-derived key', () => {
    const stored = encryptSecrets({ token: 'x' }, KEY);
    const raw = Buffer.from(stored.slice(3), 'base64');
    const key = Buffer.from(hkdfSync('sha256', KEY.SECRETS_KEY, 'journey-canvas', 'channel-provider-secrets', 32));
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    expect(JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString())).toEqual({ token: 'x' });
  });

  it('refuses without SECRETS_KEY, with another key, and after tampering', () => {
    expect(() => encryptSecrets({ a: 'b' }, {})).toThrow(/SECRETS_KEY is not set/);
    const stored = encryptSecrets({ a: 'b' }, KEY);
    expect(() => decryptSecrets(stored, { SECRETS_KEY: 'another key of enough length' })).toThrow(SecretsKeyError);
    const bytes = Buffer.from(stored.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => decryptSecrets(`v1:${bytes.toString('base64')}`, KEY)).toThrow(/cannot be decrypted/);
  });
});

describe('saving a channel provider', () => {
  const aliyun = { accessKeyId: 'LTAI5t', accessKeySecret: 'ali-secret-value', signName: '画布营销' };

  it('refuses to store a secret without SECRETS_KEY, naming the field, and stores nothing', () => {
    const db = openDb(':memory:');
    let err: unknown;
    try {
      saveChannelProvider(db, { channel: 'sms', provider: 'aliyun_sms', values: aliyun }, 'admin', 1, {});
    } catch (e) {
      err = e;
    }
    expect(isInputError(err)).toBe(true);
    expect((err as { fields: { field: string; message: string }[] }).fields[0]).toEqual({ field: 'values.accessKeySecret', message: expect.stringContaining('SECRETS_KEY') });
    expect(count(db, 'select count(*) n from channel_providers')).toBe(0);
  });

  it('names a missing or wrong field, and a provider that cannot send the channel', () => {
    const db = openDb(':memory:');
    const fieldsOf = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return isInputError(e) ? e.fields.map((f) => f.field) : ['not an input error'];
      }
      return [];
    };
    expect(fieldsOf(() => saveChannelProvider(db, { channel: 'sms', provider: 'aliyun_sms', values: { accessKeyId: 'x', accessKeySecret: 'y' } }, 'a', 1, KEY))).toEqual(['values.signName']);
    expect(fieldsOf(() => saveChannelProvider(db, { channel: 'email', provider: 'aliyun_sms', values: aliyun }, 'a', 1, KEY))).toEqual(['provider']);
    expect(fieldsOf(() => saveChannelProvider(db, { channel: 'sms', provider: 'aliyun_sms', values: { ...aliyun, colour: 'red' } }, 'a', 1, KEY))).toEqual(['values.colour']);
  });

  it('keeps secrets out of the view, keeps a stored secret that is not typed again, and decrypts it to send', () => {
    const db = openDb(':memory:');
    saveChannelProvider(db, { channel: 'sms', provider: 'aliyun_sms', values: aliyun }, 'user:admin@demo.local', 1000, KEY);
    const view = describeChannels(db, KEY).find((c) => c.channel === 'sms')!;
    expect(view).toMatchObject({ mode: 'provider', provider: 'aliyun_sms', values: { accessKeyId: 'LTAI5t', signName: '画布营销' }, secretsSet: { accessKeySecret: true, receiptToken: false }, updatedBy: 'user:admin@demo.local' });
    expect(JSON.stringify(view)).not.toContain('ali-secret-value');
    expect(JSON.stringify(db.$client.prepare('select * from channel_providers').all())).not.toContain('ali-secret-value');

    saveChannelProvider(db, { channel: 'sms', provider: 'aliyun_sms', values: { ...aliyun, accessKeySecret: '', signName: '新签名' } }, 'admin', 2000, KEY);
    const resolved = resolveProvider(db, 'sms', KEY);
    expect(resolved && 'config' in resolved ? resolved.config : resolved).toMatchObject({ accessKeySecret: 'ali-secret-value', signName: '新签名' });
    // Without the key the channel does not silently fall back to record-only: it fails, naming SECRETS_KEY.
    expect(resolveProvider(db, 'sms', {})).toEqual({ error: expect.stringContaining('SECRETS_KEY') });
  });

  it('lists every channel but the webhook, unconfigured ones as record only, in-app as built in', () => {
    const db = openDb(':memory:');
    const modes = Object.fromEntries(describeChannels(db, {}).map((c) => [c.channel, c.mode]));
    expect(modes).toEqual({ sms: 'record_only', email: 'record_only', wechat_template: 'record_only', miniprogram: 'record_only', app_push: 'record_only', wecom: 'record_only', in_app: 'builtin' });
    expect(describeChannels(db, { SMTP_URL: 'smtp://h:25', EMAIL_FROM: 'a@b.c' }).find((c) => c.channel === 'email')?.mode).toBe('env');
  });

  it('answers a send with a retryable failure when the key is missing, never "sent" or record-only', async () => {
    const db = openDb(':memory:');
    saveChannelProvider(db, { channel: 'sms', provider: 'aliyun_sms', values: aliyun }, 'admin', 1, KEY);
    const result = await sendMessage(
      db,
      { idempotencyKey: 'k', memberId: 'm', journeyId: 'j', nodeId: 'n', channel: 'sms', recipient: { memberId: 'm', phone: '+8613800138000' }, text: 'x', templateId: 'SMS_1' },
      { env: {} },
    );
    expect(result).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('SECRETS_KEY') });
  });
});
