'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/coupon-resources';

/**
 * Caps a split path (an A/B variant or a splitter path) by a coupon pool: while the pool has codes the path takes
 * its share; once it is empty, members who would take it go to the other paths (see src/journey/capped-split.ts).
 */
export function PathCapSelect({ poolId, onChange, testId }: { poolId: string | undefined; onChange: (poolId: string | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const pools = useQuery({ ...trpc.coupons.list.queryOptions(), staleTime: 10_000 });
  const known = pools.data ?? [];
  if (!poolId && known.length === 0) return null;
  return (
    <select value={poolId ?? ''} aria-label={t('coupons.cap.label')} title={t('coupons.cap.hint')} data-testid={testId} onChange={(e) => onChange(e.target.value || undefined)} style={{ display: 'block', marginTop: 4, maxWidth: 160 }}>
      <option value="">{t('coupons.cap.none')}</option>
      {known.map((p) => (
        <option key={p.id} value={p.id}>
          {t('coupons.cap.option', { name: p.name, available: fmt.number(p.counts.available) })}
        </option>
      ))}
      {poolId && !known.some((p) => p.id === poolId) && <option value={poolId}>{poolId}</option>}
    </select>
  );
}
