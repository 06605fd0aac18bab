'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import type { PoolView, UploadResult } from '@/db/coupons';
import '@/i18n/coupon-resources';

/** The end of a local calendar day ("2026-12-31") as an ISO instant with the browser's offset. */
function endOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(y, m - 1, d, 23, 59, 59);
  const offset = -at.getTimezoneOffset();
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return `${day}T23:59:59${offset >= 0 ? '+' : '-'}${hhmm}`;
}

function CreatePool({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [lowStock, setLowStock] = useState('100');
  const create = useMutation(
    trpc.coupons.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setExpires('');
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, expiresAt: expires ? endOfLocalDay(expires) : null, lowStock: Number(lowStock) || 0 });
  };
  return (
    <form className="card toolbar-row" onSubmit={submit} data-testid="pool-create">
      <label>
        {t('coupons.name')} <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="pool-name" maxLength={100} />
      </label>
      <label>
        {t('coupons.expires')} <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} data-testid="pool-expires" />
      </label>
      <label>
        {t('coupons.lowStock')} <input type="number" min={0} step={1} value={lowStock} onChange={(e) => setLowStock(e.target.value)} data-testid="pool-low-stock" style={{ width: 90 }} />
      </label>
      <button type="submit" className="btn primary" disabled={create.isPending} data-testid="pool-create-submit">
        {t('coupons.create')}
      </button>
      {create.error && (
        <span className="error" role="alert">
          {t('coupons.failed', { message: create.error.message })}
        </span>
      )}
    </form>
  );
}

function UploadAnswer({ result }: { result: UploadResult }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div role="status" data-testid="upload-result">
      <span className="notice">{t('coupons.uploaded', { added: fmt.number(result.added) })}</span>
      {result.rejectedCount > 0 && (
        <div className="error">
          {t('coupons.rejected', { count: result.rejectedCount })}
          <ul data-testid="upload-rejected">
            {result.rejected.map((r) => (
              <li key={r.line}>{t(`coupons.reason.${r.reason}`, { line: r.line, code: r.code ?? '', firstLine: 'firstLine' in r ? r.firstLine : '' })}</li>
            ))}
          </ul>
          {result.rejectedCount > result.rejected.length && <p>{t('coupons.more', { count: result.rejectedCount - result.rejected.length })}</p>}
        </div>
      )}
    </div>
  );
}

function PoolCard({ pool, onChange }: { pool: PoolView; onChange: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const [count, setCount] = useState('1000');
  const [prefix, setPrefix] = useState('');
  const upload = useMutation(trpc.coupons.upload.mutationOptions({ onSuccess: onChange }));
  const generate = useMutation(trpc.coupons.generate.mutationOptions({ onSuccess: onChange }));
  const onFile = async (file: File | undefined) => {
    if (file) upload.mutate({ poolId: pool.id, csv: await file.text() });
  };
  const states = ['available', 'issued', 'redeemed', 'expired', 'total'] as const;
  const error = upload.error ?? generate.error;
  return (
    <section className="card" data-testid="pool-card" data-name={pool.name} data-pool={pool.id}>
      <h2>
        {pool.name}{' '}
        {pool.counts.available === 0 ? (
          <span className="badge badge-paused" data-testid="pool-out">{t('coupons.out')}</span>
        ) : (
          pool.low && <span className="badge badge-paused" data-testid="pool-low">{t('coupons.low')}</span>
        )}
      </h2>
      <p className="muted">
        {t('coupons.expires')}: {pool.expiresAt ? fmt.date(pool.expiresAt) : t('coupons.never')} · {t('coupons.lowStock')} {fmt.number(pool.lowStock)} · <code>{pool.id}</code>
      </p>
      <table className="table">
        <thead>
          <tr>
            {states.map((s) => (
              <th key={s}>{t(`coupons.${s}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {states.map((s) => (
              <td key={s} data-testid={`count-${s}`}>
                {fmt.number(pool.counts[s])}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <div className="toolbar-row">
        <label className="btn">
          {t('coupons.upload')}
          <input type="file" accept=".csv,.txt,text/csv,text/plain" hidden data-testid="pool-upload" onChange={(e) => void onFile(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
        </label>
        <span className="muted">{t('coupons.uploadHint')}</span>
      </div>
      <form
        className="toolbar-row"
        onSubmit={(e) => {
          e.preventDefault();
          generate.mutate({ poolId: pool.id, count: Number(count), ...(prefix ? { prefix } : {}) });
        }}
      >
        <label>
          {t('coupons.count')} <input type="number" min={1} max={100000} value={count} onChange={(e) => setCount(e.target.value)} data-testid="pool-generate-count" style={{ width: 100 }} />
        </label>
        <label>
          {t('coupons.prefix')} <input value={prefix} onChange={(e) => setPrefix(e.target.value)} maxLength={16} data-testid="pool-generate-prefix" style={{ width: 100 }} />
        </label>
        <button type="submit" className="btn" disabled={generate.isPending} data-testid="pool-generate">
          {t('coupons.generate')}
        </button>
        {generate.data && (
          <span className="notice" role="status" data-testid="generate-result">
            {t('coupons.generated', { added: fmt.number(generate.data.added) })}
          </span>
        )}
      </form>
      {upload.data && <UploadAnswer result={upload.data} />}
      {error && (
        <p className="error" role="alert" data-testid="pool-error">
          {t('coupons.failed', { message: error.message })}
        </p>
      )}
    </section>
  );
}

/** Coupons: pools of unique codes with their stock by state; create, upload a CSV, generate. The server checks `coupons:write`. */
export function CouponPools() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pools = useQuery(trpc.coupons.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.coupons.list.queryKey() });
  return (
    <div className="page">
      <h1>{t('coupons.heading')}</h1>
      <p className="muted">{t('coupons.intro')}</p>
      <p className="muted">{t('coupons.states')}</p>
      <CreatePool onDone={refresh} />
      {pools.error && (
        <p className="error" role="alert">
          {pools.error.message}
        </p>
      )}
      {pools.data?.length === 0 && <p className="muted">{t('coupons.empty')}</p>}
      {pools.data?.map((pool) => <PoolCard key={pool.id} pool={pool} onChange={refresh} />)}
    </div>
  );
}
