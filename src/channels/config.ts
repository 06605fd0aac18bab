import type { Db } from '@/db/client';
import { deleteProviderRow, providerRow, providerRows } from '@/db/channel-providers';
import { upsertProviderRow } from '@/db/channel-providers';
import { InputError } from '@/members/errors';
import { BUILT_IN, channelLabel, PROVIDER_CHANNELS, providerById, providersFor } from './registry';
import { decryptSecrets, encryptSecrets, secretsKeyPresent } from './secrets';
import { smtpFromEnv } from './providers/smtp';
import type { Env, Label, ProviderField } from './types';

/** What the settings page shows of a channel: never a secret's value, only whether it is set. */
export interface ChannelView {
  channel: string;
  label: Label;
  /** Where sending goes: a configured provider, the environment (SMTP_URL), a built-in provider, or nowhere. */
  mode: 'provider' | 'env' | 'builtin' | 'record_only';
  provider: string | null;
  values: Record<string, string>;
  secretsSet: Record<string, boolean>;
  updatedAt: number | null;
  updatedBy: string | null;
}

export interface ProviderInfo {
  id: string;
  label: Label;
  channels: string[];
  fields: ProviderField[];
}

export function providerCatalogue(): ProviderInfo[] {
  return PROVIDER_CHANNELS.flatMap((c) => providersFor(c))
    .filter((p, i, all) => all.indexOf(p) === i && !Object.values(BUILT_IN).includes(p))
    .map((p) => ({ id: p.id, label: p.label, channels: p.channels, fields: p.fields }));
}

export function describeChannels(db: Db, env: Env = process.env): ChannelView[] {
  const rows = new Map(providerRows(db).map((r) => [r.channel, r]));
  return PROVIDER_CHANNELS.map((channel): ChannelView => {
    const row = rows.get(channel);
    const base = { channel, label: channelLabel(channel), values: {}, secretsSet: {}, updatedAt: null, updatedBy: null };
    if (row) {
      const provider = providerById(row.provider);
      const secretKeys = (provider?.fields ?? []).filter((f) => f.secret).map((f) => f.key);
      // Which secrets are set is readable without the key: names are stored beside the blob, values only inside it.
      const set = (row.settings.__secretsSet as string[] | undefined) ?? [];
      const values = Object.fromEntries(Object.entries(row.settings).filter(([k, v]) => k !== '__secretsSet' && typeof v === 'string')) as Record<string, string>;
      return { ...base, mode: 'provider', provider: row.provider, values, secretsSet: Object.fromEntries(secretKeys.map((k) => [k, set.includes(k)])), updatedAt: row.updatedAt, updatedBy: row.updatedBy };
    }
    if (channel === 'email' && safeEnvSmtp(env)) return { ...base, mode: 'env', provider: 'smtp' };
    if (BUILT_IN[channel]) return { ...base, mode: 'builtin', provider: BUILT_IN[channel]!.id };
    return { ...base, mode: 'record_only', provider: null };
  });
}

function safeEnvSmtp(env: Env): boolean {
  try {
    return smtpFromEnv(env) !== null;
  } catch {
    return false;
  }
}

export interface SaveInput {
  channel: string;
  provider: string;
  /** Field values; a secret left empty keeps the stored one (the browser never has it). */
  values: Record<string, string>;
}

/**
 * Validates and stores a channel's provider: plain fields as JSON, secret
 * fields encrypted (refused without `SECRETS_KEY`). Errors name the field.
 */
export function saveChannelProvider(db: Db, input: SaveInput, actor: string, now: number, env: Env = process.env): void {
  if (!(PROVIDER_CHANNELS as readonly string[]).includes(input.channel)) throw new InputError([{ field: 'channel', message: `Unknown channel "${input.channel}"` }]);
  const provider = providerById(input.provider);
  if (!provider || !provider.channels.includes(input.channel)) {
    throw new InputError([{ field: 'provider', message: `Provider "${input.provider}" cannot send ${input.channel}` }]);
  }
  const existing = providerRow(db, input.channel);
  const secretFields = new Set(provider.fields.filter((f) => f.secret).map((f) => f.key));
  const known = new Set(provider.fields.map((f) => f.key));
  for (const key of Object.keys(input.values)) if (!known.has(key)) throw new InputError([{ field: `values.${key}`, message: `${provider.id} has no field "${key}"` }]);

  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [key, raw] of Object.entries(input.values)) {
    const value = raw.trim() === '' ? '' : raw;
    if (value === '') continue;
    (secretFields.has(key) ? secrets : settings)[key] = value;
  }
  const newSecrets = Object.keys(secrets).length > 0;
  if (newSecrets && !secretsKeyPresent(env)) {
    const field = Object.keys(secrets)[0];
    throw new InputError([{ field: `values.${field}`, message: 'SECRETS_KEY (16+ characters) must be set on the server to store credentials: nothing was saved' }]);
  }
  // Secrets not typed again are kept, when the channel stays with the same provider.
  if (existing?.secrets && existing.provider === provider.id) {
    const kept = decryptSecrets(existing.secrets, env);
    for (const [k, v] of Object.entries(kept)) if (!(k in secrets) && secretFields.has(k)) secrets[k] = v;
  }
  const parsed = provider.configSchema.safeParse({ ...settings, ...secrets });
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((i) => ({ field: `values.${i.path.join('.') || 'config'}`, message: i.message })));
  }
  upsertProviderRow(db, {
    channel: input.channel,
    provider: provider.id,
    settings: { ...settings, __secretsSet: Object.keys(secrets) },
    secrets: Object.keys(secrets).length ? encryptSecrets(secrets, env) : null,
    updatedAt: now,
    updatedBy: actor,
  });
}

export function removeChannelProvider(db: Db, channel: string): boolean {
  return deleteProviderRow(db, channel);
}
