'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import '@/i18n/send-limit-resources';

const asLimit = (v: string): number | null => (v.trim() === '' ? null : Number(v));

/** A channel's send rate limit (per second, per minute) in its Settings → Channels card; the server validates and audits. */
export function RateLimitForm({ channel }: { channel: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const limits = useQuery(trpc.sendLimits.list.queryOptions());
  const current = limits.data?.find((l) => l.channel === channel);
  const [values, setValues] = useState<{ perSecond: string; perMinute: string } | null>(null);
  const shown = values ?? { perSecond: current?.perSecond ? String(current.perSecond) : '', perMinute: current?.perMinute ? String(current.perMinute) : '' };
  const save = useMutation(
    trpc.sendLimits.save.mutationOptions({
      onSuccess: () => {
        setValues(null);
        void queryClient.invalidateQueries({ queryKey: trpc.sendLimits.list.queryKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ channel, perSecond: asLimit(shown.perSecond), perMinute: asLimit(shown.perMinute) });
  };
  const field = (key: 'perSecond' | 'perMinute') => (
    <label>
      {t(`sendLimit.${key}`)}{' '}
      <input
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={shown[key]}
        data-testid={`rate-${key}`}
        onChange={(e) => {
          save.reset();
          setValues({ ...shown, [key]: e.target.value });
        }}
      />
    </label>
  );
  return (
    <form onSubmit={submit} data-testid={`rate-limit-${channel}`}>
      <h3>{t('sendLimit.heading')}</h3>
      <p className="muted">{t('sendLimit.hint')}</p>
      <div className="toolbar-row">
        {field('perSecond')}
        {field('perMinute')}
        <button type="submit" className="btn small" disabled={save.isPending || !limits.data} data-testid="rate-save">
          {t('sendLimit.save')}
        </button>
        {save.isSuccess && (
          <span role="status" className="notice">
            {t('sendLimit.saved')}
          </span>
        )}
        {save.error && (
          <span role="alert" className="error" data-testid="rate-error">
            {t('sendLimit.failed', { message: save.error.message })}
          </span>
        )}
      </div>
    </form>
  );
}
