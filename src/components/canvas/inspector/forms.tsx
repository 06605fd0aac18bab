'use client';

import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { comparisonOps } from '@/journey';
import { channels, channelLabels } from '@/journey/nodes/action-message';
import { useLocale } from '@/i18n/provider';
import { DurationInput, Field, parseScalar, type FormProps } from './fields';
import { SplitAbForm } from './split-ab-form';
import { RewardForm } from './reward-form';
import { BranchTimeForm, WaitUntilForm } from './schedule-forms';
import { BranchCountForm, HandoffForm, TagForm } from './action-forms';

type Cfg = Record<string, unknown>;

function EventField({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  return (
    <Field label={t('inspector.event')}>
      <input value={String(config.event ?? '')} data-testid="inspector-event" onChange={(e) => onChange({ ...config, event: e.target.value })} />
    </Field>
  );
}

function WaitDurationForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  return (
    <Field label={t('inspector.duration')}>
      <DurationInput iso={String(config.duration ?? '')} testId="duration" onChange={(duration) => onChange({ ...config, duration })} />
    </Field>
  );
}

function WaitEventForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  return (
    <>
      <EventField config={config} onChange={onChange} />
      <Field label={t('inspector.timeout')}>
        <DurationInput iso={String(config.timeout ?? '')} testId="timeout" onChange={(timeout) => onChange({ ...config, timeout })} />
      </Field>
    </>
  );
}

interface AttrCondition {
  attr?: string;
  op?: string;
  value?: unknown;
}

function BranchAttributeForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  if (config.branches) return <p className="muted small">{t('inspector.multiBranchNote')}</p>;
  const cond = (config.condition ?? {}) as AttrCondition;
  if (config.condition && !('attr' in (config.condition as object))) return <p className="muted small">{t('inspector.multiBranchNote')}</p>;
  const set = (patch: AttrCondition) => {
    const next: AttrCondition = { attr: cond.attr ?? '', op: cond.op ?? 'eq', ...(cond.value !== undefined ? { value: cond.value } : {}), ...patch };
    if (next.op === 'exists') delete next.value;
    onChange({ ...config, condition: next });
  };
  return (
    <>
      <Field label={t('inspector.attr')}>
        <input value={cond.attr ?? ''} data-testid="inspector-attr" onChange={(e) => set({ attr: e.target.value })} />
      </Field>
      <Field label={t('inspector.op')}>
        <select value={cond.op ?? 'eq'} data-testid="inspector-op" onChange={(e) => set({ op: e.target.value })}>
          {comparisonOps.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
      </Field>
      {cond.op !== 'exists' && (
        <Field label={t('inspector.value')}>
          <input
            value={cond.value === undefined ? '' : Array.isArray(cond.value) ? cond.value.join(',') : String(cond.value)}
            data-testid="inspector-value"
            onChange={(e) => {
              const text = e.target.value;
              const list = cond.op === 'in' || cond.op === 'nin' || cond.op === 'between';
              set({ value: list ? text.split(',').map((s) => parseScalar(s.trim())) : parseScalar(text) });
            }}
          />
        </Field>
      )}
    </>
  );
}

function MessageForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <Field label={t('inspector.channel')}>
        <select value={String(config.channel ?? 'sms')} data-testid="inspector-channel" onChange={(e) => onChange({ ...config, channel: e.target.value })}>
          {channels.map((c) => (
            <option key={c} value={c}>
              {locale === 'zh-CN' ? channelLabels[c].zh : channelLabels[c].en}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('inspector.template')}
        hint={
          <>
            {t('inspector.templateHint')} <code>{'{{member.name}}'}</code>
          </>
        }
      >
        <textarea rows={4} value={String(config.template ?? '')} data-testid="inspector-template" onChange={(e) => onChange({ ...config, template: e.target.value })} />
      </Field>
    </>
  );
}

/** One inspector form per node kind; a kind without an entry simply has no settings. */
export const inspectorForms: Record<string, ComponentType<FormProps<Cfg>>> = {
  'trigger.event': EventField,
  'wait.duration': WaitDurationForm,
  'wait.event': WaitEventForm,
  'branch.attribute': BranchAttributeForm,
  'split.ab': SplitAbForm,
  'action.message': MessageForm,
  'action.reward': RewardForm,
  'wait.until': WaitUntilForm,
  'branch.time': BranchTimeForm,
  'branch.count': BranchCountForm,
  'action.tag': TagForm,
  'action.handoff': HandoffForm,
};
