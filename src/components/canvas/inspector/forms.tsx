'use client';

import { MessagePreview } from './message-preview';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition } from '@/journey';
import { channels, channelLabels } from '@/journey/nodes/action-message';
import { useLocale } from '@/i18n/provider';
import { DurationInput, Field, type FormProps } from './fields';
import { PickerInput, useIssues, useVocabulary } from './form-kit';
import { EventFilter } from './condition-editor';
import { SplitAbForm } from './split-ab-form';
import { RewardForm } from './reward-form';
import { BranchTimeForm, WaitUntilForm } from './schedule-forms';
import { BranchCountForm, HandoffForm, TagForm } from './action-forms';
import { DateTriggerForm, ScheduleTriggerForm, SegmentTriggerForm } from './trigger-forms';
import { BranchAttributeForm, BranchEventForm, BranchSegmentForm } from './branch-forms';
import { SplitRandomForm } from './split-random-form';
import { AssetForm, GroupForm } from './asset-group-forms';

type Cfg = Record<string, unknown>;

/** The event a trigger or a wait listens for, and optionally which of those events count (`where`). */
function EventField({ kind, config, onChange }: FormProps & { kind: string }) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const issues = useIssues(kind, config);
  const event = String(config.event ?? '');
  return (
    <>
      <Field label={t('inspector.event')} error={issues.at('event')}>
        <PickerInput value={event} options={vocab.events} labels="event" testId="inspector-event" onChange={(next) => onChange({ ...config, event: next })} />
      </Field>
      <EventFilter
        event={event}
        value={config.where as Condition | undefined}
        path="where"
        issues={issues}
        onChange={(where) => {
          const { where: _old, ...rest } = config;
          onChange(where ? { ...rest, where } : rest);
        }}
      />
    </>
  );
}

function EventTriggerForm(props: FormProps) {
  return <EventField kind="trigger.event" {...props} />;
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
      <EventField kind="wait.event" config={config} onChange={onChange} />
      <Field label={t('inspector.timeout')}>
        <DurationInput iso={String(config.timeout ?? '')} testId="timeout" onChange={(timeout) => onChange({ ...config, timeout })} />
      </Field>
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
      <MessagePreview template={String(config.template ?? '')} channel={String(config.channel ?? 'sms')} />
    </>
  );
}

/** One inspector form per node kind; a kind without an entry is edited as JSON. */
export const inspectorForms: Record<string, ComponentType<FormProps<Cfg>>> = {
  'trigger.event': EventTriggerForm,
  'trigger.segment': SegmentTriggerForm,
  'trigger.date': DateTriggerForm,
  'trigger.schedule': ScheduleTriggerForm,
  'wait.duration': WaitDurationForm,
  'wait.event': WaitEventForm,
  'branch.attribute': BranchAttributeForm,
  'branch.event': BranchEventForm,
  'branch.segment': BranchSegmentForm,
  'split.random': SplitRandomForm,
  'split.ab': SplitAbForm,
  'action.message': MessageForm,
  'action.reward': RewardForm,
  'wait.until': WaitUntilForm,
  'branch.time': BranchTimeForm,
  'branch.count': BranchCountForm,
  'action.tag': TagForm,
  'action.handoff': HandoffForm,
  'action.asset': AssetForm,
  'action.group': GroupForm,
};
