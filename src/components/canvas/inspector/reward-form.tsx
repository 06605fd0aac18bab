'use client';

import { useTranslation } from 'react-i18next';
import { Field, type FormProps } from './fields';
import { useIssues } from './form-kit';

type RewardType = 'points' | 'growth' | 'coupon' | 'benefit';
const defaults: Record<RewardType, Record<string, unknown>> = {
  points: { type: 'points', amount: 100 },
  growth: { type: 'growth', amount: 10 },
  coupon: { type: 'coupon', couponId: '', value: 10 },
  benefit: { type: 'benefit', benefitId: '' },
};

const num = (text: string) => (text === '' ? NaN : Number(text));
const shown = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : '');

export function RewardForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  // The schema's per-field message ("Coupon id is required" / "请填写优惠券编号") marks the faulty box.
  const issues = useIssues('action.reward', config);
  const reward = (config.reward ?? defaults.points) as Record<string, unknown>;
  const type = (reward.type as RewardType) ?? 'points';
  const set = (patch: Record<string, unknown>) => onChange({ ...config, reward: { ...reward, ...patch } });

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
}
