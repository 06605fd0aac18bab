import type { Env } from './types';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Thrown when a secret must be stored or read but `SECRETS_KEY` is not set or cannot open it. */
export class SecretsKeyError extends Error {}

const VERSION = 'v1';

/**
 * The AES-256 key, derived with HKDF-SHA256 from `SECRETS_KEY` so that any
 * sufficiently long passphrase works and the key is bound to this one use.
 */
function key(env: Env = process.env): Buffer {
  const material = env.SECRETS_KEY;
  if (!material) throw new SecretsKeyError('SECRETS_KEY is not set: provider credentials cannot be stored or read without it');
  if (material.length < 16) throw new SecretsKeyError('SECRETS_KEY must have at least 16 characters');
  return Buffer.from(hkdfSync('sha256', material, 'journey-canvas', 'channel-provider-secrets', 32));
}

/** Whether secrets can be stored now. */
export function secretsKeyPresent(env: Env = process.env): boolean {
  return !!env.SECRETS_KEY && env.SECRETS_KEY.length >= 16;
}

/** AES-256-GCM with a random 96-bit IV; the stored text is `v1:` + base64(iv | tag | ciphertext). */
export function encryptSecrets(values: Record<string, string>, env: Env = process.env): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(env), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptSecrets(stored: string, env: Env = process.env): Record<string, string> {
  const [version, data] = stored.split(':', 2);
  if (version !== VERSION || !data) throw new SecretsKeyError('Stored provider secrets are in an unknown format');
  const raw = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key(env), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
  } catch {
    // GCM's tag check fails for a changed SECRETS_KEY as for tampered data: either way nothing readable.
    throw new SecretsKeyError('Stored provider secrets cannot be decrypted: SECRETS_KEY changed or the data was altered');
  }
}
