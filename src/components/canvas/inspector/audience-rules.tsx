'use client';

import { useTranslation } from 'react-i18next';
import type { Condition } from '@/journey';
import { without } from './form-kit';
import { ConditionEditor } from './condition-editor';
import type { RuleKind } from './condition-rules';
import type { IssueLookup } from './config-issues';

/** Pieces shared by the time-driven triggers' forms (定向营销, 节假日营销, 纪念日营销). */

const audienceRules: readonly RuleKind[] = ['attr', 'tag', 'segment', 'event'];
export const defaultCron = { cron: '0 10 * * 1', tz: 'Asia/Shanghai' };

interface AudienceProps<C extends { condition?: Condition }> {
  config: C;
  onChange(config: C): void;
  issues: IssueLookup;
}

/** An optional audience filter: no rules means every member. */
export function OptionalAudience<C extends { condition?: Condition }>(props: AudienceProps<C>) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <span className="field-label">{t('forms.onlyMembers')}</span>
      <span className="field-hint">{t('forms.noRulesEveryone')}</span>
      <AudienceRules {...props} />
    </div>
  );
}

/** The audience rules of a time-driven trigger, kept in its `condition`; no rules removes it. */
export function AudienceRules<C extends { condition?: Condition }>({ config, onChange, issues }: AudienceProps<C>) {
  return (
    <ConditionEditor
      value={config.condition}
      kinds={audienceRules}
      path="condition"
      issues={issues}
      testId="inspector-condition"
      onChange={(condition) => onChange(condition ? { ...config, condition } : without(config, 'condition'))}
    />
  );
}
