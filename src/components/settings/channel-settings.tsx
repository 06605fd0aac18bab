'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat, useLocale } from '@/i18n/provider';
import type { ChannelView, ProviderInfo } from '@/channels/config';
import type { Label } from '@/channels/types';
import '@/i18n/channel-resources';
import { RateLimitForm } from './rate-limit-form';

type TestAnswer = { recordOnly: true } | { ok: true; providerMessageId?: string } | { ok: false; reason: string };

function ProviderForm({ view, provider, onDone }: { view: ChannelView; provider: ProviderInfo; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const same = view.provider === provider.id;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(provider.fields.map((f) => [f.key, f.secret || !same ? '' : (view.values[f.key] ?? '')])),
  );
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.channels.save.mutationOptions({ onSuccess: onDone, onError: (e) => setError(e.message) }));
  const label = (l: Label) => (locale === 'zh-CN' ? l.zh : l.en);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    save.mutate({ channel: view.channel, provider: provider.id, values });
  };
  return (
    <form className="channel-form" onSubmit={submit} data-testid={`channel-form-${view.channel}`}>
      {error && (
        <p className="error" role="alert" data-testid="channel-error">
          {t('channels.failed', { message: error })}
        </p>
      )}
      {provider.fields.map((f) => {
        const id = `${view.channel}-${f.key}`;
        const set = same && view.secretsSet[f.key];
        const common = { id, name: f.key, value: values[f.key] ?? '', 'data-testid': `field-${f.key}` };
        const onChange = (v: string) => setValues((old) => ({ ...old, [f.key]: v }));
        return (
          <div className="field" key={f.key}>
            <label htmlFor={id}>
              {label(f.label)}
              {f.optional && <span className="muted"> ({t('channels.optional')})</span>}
              {f.secret && (
                <span className={set ? 'badge badge-live' : 'badge'} data-testid={`secret-state-${f.key}`}>
                  {set ? t('channels.secretSet') : t('channels.secretNotSet')}
                </span>
              )}
            </label>
            {f.kind === 'select' ? (
              <select {...common} onChange={(e) => onChange(e.target.value)}>
                <option value="" />
                {f.options?.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : f.kind === 'textarea' ? (
              <textarea {...common} rows={3} placeholder={set ? t('channels.secretHint') : f.placeholder} onChange={(e) => onChange(e.target.value)} />
            ) : (
              <input
                {...common}
                type={f.secret ? 'password' : 'text'}
                autoComplete="off"
                placeholder={set ? t('channels.secretHint') : f.placeholder}
                onChange={(e) => onChange(e.target.value)}
              />
            )}
          </div>
        );
      })}
      <button type="submit" className="btn" disabled={save.isPending} data-testid="channel-save">
        {t('channels.save')}
      </button>
    </form>
  );
}

function TestForm({ channel }: { channel: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<TestAnswer | { error: string } | null>(null);
  const test = useMutation(trpc.channels.test.mutationOptions({ onSuccess: (r) => setAnswer(r as TestAnswer), onError: (e) => setAnswer({ error: e.message }) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAnswer(null);
    test.mutate({ channel, to });
  };
  return (
    <form className="toolbar-row" onSubmit={submit}>
      <input required value={to} onChange={(e) => setTo(e.target.value)} placeholder={t('channels.testTo')} aria-label={t('channels.testTo')} data-testid="test-to" />
      <button type="submit" className="btn" disabled={test.isPending} data-testid="test-send">
        {t('channels.testSend')}
      </button>
      {answer && (
        <span role="status" data-testid="test-result" className={'ok' in answer && answer.ok ? 'notice' : 'error'}>
          {'error' in answer
            ? t('channels.testFailed', { reason: answer.error })
            : 'recordOnly' in answer
              ? t('channels.testRecordOnly')
              : answer.ok
                ? t('channels.testSent', { id: answer.providerMessageId ? ` (${answer.providerMessageId})` : '' })
                : t('channels.testFailed', { reason: answer.reason })}
        </span>
      )}
    </form>
  );
}

function ChannelCard({ view, providers, receiptBase, onChange }: { view: ChannelView; providers: ProviderInfo[]; receiptBase: string; onChange: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const trpc = useTRPC();
  const choices = providers.filter((p) => p.channels.includes(view.channel));
  const [picked, setPicked] = useState<string>(view.mode === 'provider' ? (view.provider ?? '') : '');
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.channels.remove.mutationOptions({ onSuccess: onChange }));
  const label = (l: Label) => (locale === 'zh-CN' ? l.zh : l.en);
  const provider = providers.find((p) => p.id === picked);
  const providerName = providers.find((p) => p.id === view.provider);
  const recordOnly = view.mode === 'record_only';
  return (
    <section className="card" data-testid={`channel-${view.channel}`} data-mode={view.mode}>
      <h2>
        {label(view.label)}{' '}
        <span className={recordOnly ? 'badge badge-paused' : 'badge badge-live'} data-testid="channel-mode">
          {t(`channels.mode.${view.mode}`, { provider: providerName ? label(providerName.label) : view.provider })}
        </span>
      </h2>
      {view.updatedAt && <p className="muted">{t('channels.updated', { date: fmt.date(view.updatedAt), who: view.updatedBy ?? '' })}</p>}
      {choices.length > 0 && (
        <div className="toolbar-row">
          <label>
            {t('channels.provider')}{' '}
            <select
              value={picked}
              onChange={(e) => {
                setPicked(e.target.value);
                setEditing(e.target.value !== '');
              }}
              data-testid="channel-provider"
            >
              <option value="">{t('channels.none')}</option>
              {choices.map((p) => (
                <option key={p.id} value={p.id}>
                  {label(p.label)}
                </option>
              ))}
            </select>
          </label>
          {provider && !editing && (
            <button type="button" className="btn small" onClick={() => setEditing(true)} data-testid="channel-edit">
              {t('channels.edit')}
            </button>
          )}
          {view.mode === 'provider' && (
            <button type="button" className="btn small" onClick={() => remove.mutate({ channel: view.channel })} data-testid="channel-remove">
              {t('channels.remove')}
            </button>
          )}
        </div>
      )}
      {provider && editing && (
        <ProviderForm
          key={provider.id}
          view={view}
          provider={provider}
          onDone={() => {
            setEditing(false);
            onChange();
          }}
        />
      )}
      {view.mode === 'provider' && view.secretsSet.receiptToken && (
        <p className="muted">
          {t('channels.receiptUrl')}: <code>{`${receiptBase}${view.provider}?token=…`}</code>
        </p>
      )}
      {!recordOnly && (
        <>
          <RateLimitForm channel={view.channel} />
          <h3>{t('channels.test')}</h3>
          <TestForm channel={view.channel} />
        </>
      )}
    </section>
  );
}

/** Settings → Channels: the provider per channel, write-only credentials, and a test send. The server refuses all of it to non-admins. */
export function ChannelSettings() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.channels.overview.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.channels.overview.queryKey() });
  return (
    <div className="page">
      <h1>{t('channels.heading')}</h1>
      <p className="muted">{t('channels.intro')}</p>
      {overview.data && !overview.data.secretsKey && (
        <p className="error" role="alert" data-testid="no-secrets-key">
          {t('channels.noSecretsKey')}
        </p>
      )}
      {overview.error && (
        <p className="error" role="alert">
          {overview.error.message}
        </p>
      )}
      {overview.data?.channels.map((view) => (
        <ChannelCard key={`${view.channel}:${view.provider}:${view.updatedAt}`} view={view} providers={overview.data.providers} receiptBase={overview.data.receiptBase} onChange={refresh} />
      ))}
    </div>
  );
}
