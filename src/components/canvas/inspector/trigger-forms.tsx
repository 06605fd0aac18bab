'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition } from '@/journey';
import { Field, type FormProps } from './fields';
import { FormError, PickerInput, useIssues, useNameHints, useVocabulary } from './form-kit';
import { ConditionEditor } from './condition-editor';
import { InstantInput, RecurrenceInput } from './schedule-inputs';
import { hhmmPattern, joinOffset, splitOffset, type OffsetDirection } from './schedule-values';
import { without } from './schedule-forms';
import type { RuleKind } from './condition-rules';
import type { IssueLookup } from './config-issues';

const audienceRules: readonly RuleKind[] = ['attr', 'tag', 'segment', 'event'];
const defaultCron = { cron: '0 10 * * 1', tz: 'Asia/Shanghai' };

type Schedule = { once: string } | { cron: string; tz?: string };

/** 定向营销: a saved segment or a custom audience (自定义人群), run once (单次执行) or on a schedule (周期性执行). */
export function SegmentTriggerForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const hints = useNameHints();
  const issues = useIssues('trigger.segment', config);
  const audience = typeof config.segment === 'string' ? 'segment' : 'condition';
  const schedule = (config.schedule ?? defaultCron) as Schedule;
  const setSchedule = (next: Schedule) => onChange({ ...config, schedule: next });
  return (
    <>
      <Field label={t('forms.audience')}>
        <select
          value={audience}
          data-testid="inspector-audience"
          onChange={(e) => onChange(e.target.value === 'segment' ? { ...without(config, 'condition'), segment: '' } : { ...without(config, 'segment'), condition: { tag: 'vip' } })}
        >
          <option value="segment">{t('forms.savedSegment')}</option>
          <option value="condition">{t('forms.customAudience')}</option>
        </select>
      </Field>
      {audience === 'segment' ? (
        <Field label={t('forms.segment')} error={issues.at('segment', t('forms.required')) ?? issues.exactly('')}>
          <PickerInput value={String(config.segment ?? '')} options={vocab.segments} hint={hints.segment} testId="inspector-segment" onChange={(segment) => onChange({ ...config, segment })} />
        </Field>
      ) : (
        <div className="field">
          <span className="field-label">{t('forms.audienceRules')}</span>
          <AudienceRules config={config} onChange={onChange} issues={issues} />
          <FormError message={issues.exactly('')} />
        </div>
      )}
      <Field label={t('forms.runs')}>
        <select value={'once' in schedule ? 'once' : 'recurring'} data-testid="inspector-run-mode" onChange={(e) => setSchedule(e.target.value === 'once' ? { once: '' } : defaultCron)}>
          <option value="once">{t('forms.runOnce')}</option>
          <option value="recurring">{t('forms.runRecurring')}</option>
        </select>
      </Field>
      {'once' in schedule ? (
        <InstantInput key="once" iso={schedule.once} label={t('forms.at')} error={issues.at('schedule.once')} testId="once" onChange={(once) => setSchedule({ once })} />
      ) : (
        <RecurrenceInput
          key="recurring"
          cron={schedule.cron}
          tz={schedule.tz ?? 'Asia/Shanghai'}
          cronError={issues.at('schedule.cron')}
          tzError={issues.at('schedule.tz')}
          onChange={(cron, tz) => setSchedule({ cron, tz })}
        />
      )}
    </>
  );
}

/** 节假日营销: one instant (a holiday, a sale) or a recurring schedule, for everyone or a filtered audience. */
export function ScheduleTriggerForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const issues = useIssues('trigger.schedule', config);
  const mode = typeof config.cron === 'string' ? 'recurring' : 'once';
  const { at: _a, cron: _c, tz: _t, ...rest } = config;
  return (
    <>
      <Field label={t('forms.runs')}>
        <select value={mode} data-testid="inspector-run-mode" onChange={(e) => onChange(e.target.value === 'once' ? { ...rest, at: '' } : { ...rest, ...defaultCron })}>
          <option value="once">{t('forms.runOnce')}</option>
          <option value="recurring">{t('forms.runRecurring')}</option>
        </select>
      </Field>
      {mode === 'once' ? (
        <InstantInput key="once" iso={String(config.at ?? '')} label={t('forms.at')} error={issues.at('at')} testId="once" onChange={(at) => onChange({ ...rest, at })} />
      ) : (
        <RecurrenceInput
          key="recurring"
          cron={String(config.cron ?? '')}
          tz={String(config.tz ?? 'Asia/Shanghai')}
          cronError={issues.at('cron')}
          tzError={issues.at('tz')}
          onChange={(cron, tz) => onChange({ ...rest, cron, tz })}
        />
      )}
      <OptionalAudience config={config} onChange={onChange} issues={issues} />
      <FormError message={issues.exactly('')} />
    </>
  );
}

/** 纪念日营销: each member's own date (birthday, join date), N days before or after, at a local time. */
export function DateTriggerForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const issues = useIssues('trigger.date', config);
  const offset = splitOffset(typeof config.offsetDays === 'number' ? config.offsetDays : 0);
  const [daysText, setDaysText] = useState(String(offset.days));
  const [direction, setDirection] = useState<OffsetDirection>(offset.direction);
  const daysOk = /^\d+$/.test(daysText.trim()) && Number(daysText) <= 366;
  const setOffset = (text: string, dir: OffsetDirection) => {
    setDaysText(text);
    setDirection(dir);
    // An unreadable count of days is stored out of range so the node stays flagged until fixed.
    const readable = dir === 'on' || /^\d+$/.test(text.trim());
    onChange({ ...config, offsetDays: readable ? joinOffset(Number(text) || 0, dir) : 999 });
  };
  const at = String(config.at ?? '');
  return (
    <>
      <Field label={t('forms.dateAttr')} hint={t('forms.dateAttrHint')} error={issues.at('attr', t('forms.required'))}>
        <PickerInput value={String(config.attr ?? '')} options={vocab.dateAttributes} labels="attr" testId="inspector-date-attr" onChange={(attr) => onChange({ ...config, attr })} />
      </Field>
      <Field label={t('forms.when')} error={direction !== 'on' && !daysOk ? t('forms.badOffset') : issues.at('offsetDays', t('forms.badOffset'))}>
        <span className="inline">
          {direction !== 'on' && (
            <input type="number" min={0} max={366} step={1} value={daysText} data-testid="inspector-offset-days" aria-label={t('forms.days')} onChange={(e) => setOffset(e.target.value, direction)} />
          )}
          <select value={direction} data-testid="inspector-offset-direction" onChange={(e) => setOffset(daysText, e.target.value as OffsetDirection)}>
            <option value="before">{t('forms.daysBefore')}</option>
            <option value="on">{t('forms.onTheDay')}</option>
            <option value="after">{t('forms.daysAfter')}</option>
          </select>
        </span>
      </Field>
      <Field label={t('forms.time')} hint={t('forms.timeHint')} error={hhmmPattern.test(at) ? null : t('forms.badTime')}>
        <input value={at} placeholder="09:00" data-testid="inspector-time" onChange={(e) => onChange({ ...config, at: e.target.value })} />
      </Field>
      <OptionalAudience config={config} onChange={onChange} issues={issues} />
    </>
  );
}

/** An optional audience filter: no rules means every member. */
function OptionalAudience({ config, onChange, issues }: FormProps & { issues: IssueLookup }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <span className="field-label">{t('forms.onlyMembers')}</span>
      <span className="field-hint">{t('forms.noRulesEveryone')}</span>
      <AudienceRules config={config} onChange={onChange} issues={issues} />
    </div>
  );
}

/** The audience rules of a time-driven trigger, kept in its `condition`; no rules removes it. */
function AudienceRules({ config, onChange, issues }: FormProps & { issues: IssueLookup }) {
  return (
    <ConditionEditor
      value={config.condition as Condition | undefined}
      kinds={audienceRules}
      path="condition"
      issues={issues}
      testId="inspector-condition"
      onChange={(condition) => onChange(condition ? { ...config, condition } : without(config, 'condition'))}
    />
  );
}
