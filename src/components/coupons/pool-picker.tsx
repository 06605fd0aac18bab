'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/coupon-resources';

/**
 * Where a coupon reward's codes come from: a coupon pool (unique codes, 一人一码) or, as before, a fixed coupon id.
 * `onChange(null)` goes back to the fixed id.
 */
export function CouponPoolPicker({ poolId, onChange, error }: { poolId: string | undefined; onChange: (poolId: string | null) => void; error?: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const pools = useQuery({ ...trpc.coupons.list.queryOptions(), staleTime: 10_000 });
  const known = pools.data ?? [];
  return (
    <div className="field">
      <label className="field-label" htmlFor="inspector-coupon-pool">
        {t('coupons.picker.label')}
      </label>
      <select id="inspector-coupon-pool" value={poolId ?? ''} data-testid="inspector-coupon-pool" onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('coupons.picker.fixed')}</option>
        {known.map((p) => (
          <option key={p.id} value={p.id}>
            {t('coupons.picker.option', { name: p.name, available: fmt.number(p.counts.available) })}
          </option>
        ))}
        {poolId && !known.some((p) => p.id === poolId) && <option value={poolId}>{poolId}</option>}
      </select>
      {pools.isSuccess && known.length === 0 && <span className="field-hint">{t('coupons.picker.none')}</span>}
      <Link className="field-hint" href="/coupons" target="_blank">
        {t('coupons.picker.manage')}
      </Link>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
