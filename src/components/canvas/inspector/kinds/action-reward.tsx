'use client';

import { useTranslation } from 'react-i18next';
import { Gift } from 'lucide-react';
import actionReward from '@/journey/nodes/action-reward';
import type { KindConfig } from '@/journey/nodes/types';
import { Field } from '../fields';
import { CouponPoolPicker } from '@/components/coupons/pool-picker';
import { defineKindUi, type KindForm } from './define';

type Reward = KindConfig<typeof actionReward>['reward'];
type RewardType = Reward['type'];
const defaults: Record<RewardType, Reward> = {
  points: { type: 'points', amount: 100 },
  growth: { type: 'growth', amount: 10 },
  coupon: { type: 'coupon', couponId: '', value: 10 },
  benefit: { type: 'benefit', benefitId: '' },
};

const num = (text: string) => (text === '' ? NaN : Number(text));
const shown = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : '');

const RewardForm: KindForm<typeof actionReward> = ({ config, onChange, issues }) => {
  const { t } = useTranslation();
  // The schema's per-field message ("Coupon id is required" / "请填写优惠券编号") marks the faulty box.
  const reward = (config.reward ?? defaults.points) as Reward & Record<string, unknown>;
  const type = reward.type ?? 'points';
  const set = (patch: Record<string, unknown>) => onChange({ ...config, reward: { ...reward, ...patch } as Reward });

  return (
    <>
      <Field label={t('inspector.rewardType')}>
        <select value={type} data-testid="inspector-reward-type" onChange={(e) => onChange({ ...config, reward: defaults[e.target.value as RewardType] })}>
          {(Object.keys(defaults) as RewardType[]).map((k) => (
            <option key={k} value={k}>
              {t(`inspector.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {(type === 'points' || type === 'growth') && (
        <Field label={t('inspector.amount')} error={issues.at('reward.amount')}>
          <input
            type="number"
            min={1}
            step={1}
            value={shown(reward.amount)}
            data-testid={type === 'points' ? 'inspector-points' : 'inspector-growth'}
            onChange={(e) => set({ amount: num(e.target.value) })}
          />
        </Field>
      )}
      {type === 'coupon' && (
        <CouponPoolPicker
          poolId={typeof reward.poolId === 'string' ? reward.poolId : undefined}
          error={issues.at('reward.poolId')}
          onChange={(poolId) => set(poolId ? { poolId, couponId: undefined, value: undefined } : { poolId: undefined, couponId: '', value: 10 })}
        />
      )}
      {type === 'coupon' && !reward.poolId && (
        <>
          <Field label={t('inspector.couponId')} error={issues.at('reward.couponId')}>
            <input value={String(reward.couponId ?? '')} data-testid="inspector-coupon-id" onChange={(e) => set({ couponId: e.target.value })} />
          </Field>
          <Field label={t('inspector.couponValue')} error={issues.at('reward.value')}>
            <input type="number" min={0} value={shown(reward.value)} data-testid="inspector-coupon-value" onChange={(e) => set({ value: num(e.target.value) })} />
          </Field>
        </>
      )}
      {type === 'benefit' && (
        <Field label={t('inspector.benefitId')} error={issues.at('reward.benefitId')}>
          <input value={String(reward.benefitId ?? '')} data-testid="inspector-benefit-id" onChange={(e) => set({ benefitId: e.target.value })} />
        </Field>
      )}
    </>
  );
};

export default defineKindUi(actionReward, { icon: Gift, form: RewardForm });
