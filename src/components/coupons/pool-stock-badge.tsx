'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/coupon-resources';

const STALE_MS = 15_000;

/** Coupon pools a node's config names: a reward's pool, or the pools capping split paths. No kind names needed. */
export function poolIdsOf(config: Record<string, unknown> | undefined): string[] {
  if (!config) return [];
  const ids: unknown[] = [(config.reward as { poolId?: unknown } | undefined)?.poolId];
  for (const list of [config.variants, config.paths]) if (Array.isArray(list)) for (const p of list) ids.push((p as { poolId?: unknown } | null)?.poolId);
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** On a node that draws from coupon pools: a warning when a pool is low (fewer codes than its threshold), empty, expired or unknown. */
export function PoolStockBadge({ id, config }: { id: string; config: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const ids = poolIdsOf(config);
  const pools = useQuery({ ...trpc.coupons.list.queryOptions(), staleTime: STALE_MS, refetchInterval: ids.length ? STALE_MS : false, enabled: ids.length > 0 });
  if (!ids.length || !pools.data) return null;
  const warnings = ids.flatMap((poolId) => {
    const pool = pools.data.find((p) => p.id === poolId);
    if (!pool) return [t('coupons.badge.missing')];
    if (pool.expiresAt !== null && pool.expiresAt <= Date.now()) return [t('coupons.badge.expired')];
    if (pool.counts.available === 0) return [t('coupons.badge.out')];
    return pool.low ? [t('coupons.badge.low', { available: fmt.number(pool.counts.available) })] : [];
  });
  if (!warnings.length) return null;
  return (
    <div className="jn-messages" data-testid={`pool-stock-${id}`}>
      {warnings.map((w) => (
        <span key={w} className="jn-record-only">
          ⚠ {w}
        </span>
      ))}
    </div>
  );
}
