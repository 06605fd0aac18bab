'use client';

import { useTranslation } from 'react-i18next';
import type { Condition } from '@/journey';
import { Field } from './fields';
import { FormError, useRowKeys } from './form-kit';
import { ConditionEditor } from './condition-editor';
import type { RuleKind } from './condition-rules';
import type { IssueLookup } from './config-issues';

interface Branch {
  label: string;
  condition?: Condition;
}

/** What sets the three judgment kinds' forms apart (their kinds declare them in inspector/kinds). */
export interface BranchFormSpec {
  /** The tests this judgment may use: 属性判断 attributes, 事件判断 events, 群组判断 segments and tags. */
  rules: readonly RuleKind[];
  /** A new branch's first rule. */
  starter: Condition;
}

interface BranchConfig {
  condition?: Condition;
  branches?: Branch[];
}

/** Yes / no on one condition, or 多分支: ordered branches where the first match wins and the rest leave by "else". */
export function BranchForm({ spec, config, onChange, issues }: { spec: BranchFormSpec; config: BranchConfig; onChange(config: BranchConfig): void; issues: IssueLookup }) {
  const { t } = useTranslation();
  const branches = Array.isArray(config.branches) ? config.branches : null;
  const toMulti = () => {
    const first = config.condition ?? spec.starter;
    onChange({ branches: [{ label: t('forms.branchLabel', { n: 1 }), condition: first }] });
  };
  const toSingle = () => onChange({ condition: branches?.[0]?.condition ?? spec.starter });
  return (
    <>
      <Field label={t('forms.branchMode')} hint={t('forms.branchModeHint')}>
        <select value={branches ? 'multi' : 'single'} data-testid="inspector-branch-mode" onChange={(e) => (e.target.value === 'multi' ? toMulti() : toSingle())}>
          <option value="single">{t('forms.yesNo')}</option>
          <option value="multi">{t('forms.multiBranch')}</option>
        </select>
      </Field>
      {branches ? (
        <BranchList spec={spec} branches={branches} issues={issues} onChange={(next) => onChange({ branches: next })} />
      ) : (
        <div className="field">
          <span className="field-label">{t('forms.yesWhen')}</span>
          <ConditionEditor
            value={config.condition}
            kinds={spec.rules}
            path="condition"
            issues={issues}
            testId="inspector-condition"
            onChange={(condition) => onChange(condition ? { condition } : {})}
          />
        </div>
      )}
      <FormError message={issues.exactly('')} />
    </>
  );
}

function BranchList({ spec, branches, issues, onChange }: { spec: BranchFormSpec; branches: Branch[]; issues: IssueLookup; onChange(branches: Branch[]): void }) {
  const { t } = useTranslation();
  const rows = useRowKeys(branches.length);
  const patch = (i: number, next: Branch) => onChange(branches.map((b, j) => (j === i ? next : b)));
  return (
    <>
      {branches.map((b, i) => (
        <fieldset key={rows.keys[i]} className="branch" data-testid={`inspector-branch-${i}`}>
          <legend>{t('forms.branchN', { n: i + 1 })}</legend>
          <Field label={t('forms.branchName')} error={issues.at(`branches.${i}.label`, t('forms.required'))}>
            <input value={b.label} data-testid="inspector-branch-label" onChange={(e) => patch(i, { ...b, label: e.target.value })} />
          </Field>
          <ConditionEditor
            value={b.condition}
            kinds={spec.rules}
            path={`branches.${i}.condition`}
            issues={issues}
            testId="inspector-condition"
            onChange={(condition) => patch(i, condition ? { ...b, condition } : { label: b.label })}
          />
          <button
            type="button"
            className="btn small ghost"
            data-testid="inspector-remove-branch"
            disabled={branches.length <= 1}
            onClick={() => {
              rows.removed(i);
              onChange(branches.filter((_, j) => j !== i));
            }}
          >
            {t('forms.removeBranch')}
          </button>
        </fieldset>
      ))}
      <p className="muted small">{t('forms.elseNote')}</p>
      <button
        type="button"
        className="btn small"
        data-testid="inspector-add-branch"
        onClick={() => {
          rows.added();
          onChange([...branches, { label: t('forms.branchLabel', { n: branches.length + 1 }), condition: spec.starter }]);
        }}
      >
        + {t('forms.addBranch')}
      </button>
    </>
  );
}
