'use client';

import { useMemo, useState } from 'react';
import './rules.css';
import { useTranslation } from 'react-i18next';
import { comparisonOps, type Condition } from '@/journey';
import { DurationInput, Field } from './fields';
import { FormError, PickerInput, useNameHints, useRowKeys, useVocabulary, VocabularyContext } from './form-kit';
import type { IssueLookup } from './config-issues';
import {
  blankRule,
  fromRuleSet,
  parseAttrValue,
  ruleKind,
  rulePath,
  showAttrValue,
  toRuleSet,
  withOp,
  type AttrLeaf,
  type EventLeaf,
  type Rule,
  type RuleKind,
  type RuleLeaf,
  type RuleSet,
} from './condition-rules';

interface ConditionEditorProps {
  value: Condition | undefined;
  onChange(condition: Condition | undefined): void;
  /** The leaf tests this node may use: an event check only tests events, and so on. */
  kinds: readonly RuleKind[];
  /** Where the condition sits in the config, so validation messages land on the right field. */
  path: string;
  issues: IssueLookup;
  testId: string;
}

/** Rules joined by "all" or "any", each an attribute comparison, a tag, a segment or an event, optionally negated. */
export function ConditionEditor({ value, onChange, kinds, path, issues, testId }: ConditionEditorProps) {
  const { t } = useTranslation();
  const set = toRuleSet(value);
  const rows = useRowKeys(set?.rules.length ?? 0);
  if (!set) {
    return (
      <p className="muted small" data-testid={`${testId}-complex`}>
        {t('rules.tooComplex')}
      </p>
    );
  }
  const emit = (next: RuleSet) => onChange(fromRuleSet(next));
  const patch = (i: number, rule: Rule) => emit({ ...set, rules: set.rules.map((r, j) => (j === i ? rule : r)) });
  return (
    <div className="rules" data-testid={testId}>
      {set.rules.length > 1 && (
        <select value={set.match} data-testid="inspector-rule-match" onChange={(e) => emit({ ...set, match: e.target.value as RuleSet['match'] })}>
          <option value="all">{t('rules.matchAll')}</option>
          <option value="any">{t('rules.matchAny')}</option>
        </select>
      )}
      {set.rules.map((rule, i) => (
        <RuleRow
          key={rows.keys[i]}
          index={i}
          rule={rule}
          kinds={kinds}
          path={rulePath(path, set, i)}
          issues={issues}
          onChange={(r) => patch(i, r)}
          onRemove={() => {
            rows.removed(i);
            emit({ ...set, rules: set.rules.filter((_, j) => j !== i) });
          }}
        />
      ))}
      <FormError message={issues.exactly(path)} />
      <button
        type="button"
        className="btn small"
        data-testid="inspector-add-rule"
        onClick={() => {
          rows.added();
          emit({ ...set, rules: [...set.rules, blankRule(kinds[0])] });
        }}
      >
        + {t('rules.add')}
      </button>
    </div>
  );
}

interface RuleRowProps {
  index: number;
  rule: Rule;
  kinds: readonly RuleKind[];
  path: string;
  issues: IssueLookup;
  onChange(rule: Rule): void;
  onRemove(): void;
}

function RuleRow({ index, rule, kinds, path, issues, onChange, onRemove }: RuleRowProps) {
  const { t } = useTranslation();
  const kind = ruleKind(rule.leaf);
  const setLeaf = (leaf: RuleLeaf) => onChange({ ...rule, leaf });
  return (
    <div className="rule" data-testid={`inspector-rule-${index}`}>
      <div className="rule-head">
        {kinds.length > 1 ? (
          <select value={kind} data-testid="inspector-rule-kind" aria-label={t('rules.kind')} onChange={(e) => onChange(blankRule(e.target.value as RuleKind))}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`rules.kinds.${k}`)}
              </option>
            ))}
          </select>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={rule.negate} data-testid="inspector-rule-not" onChange={(e) => onChange({ ...rule, negate: e.target.checked })} />
          {t(`rules.not.${kind}`)}
        </label>
        <button type="button" className="btn small ghost" data-testid="inspector-rule-remove" aria-label={t('inspector.remove')} onClick={onRemove}>
          ×
        </button>
      </div>
      {'attr' in rule.leaf && <AttrRule leaf={rule.leaf} path={path} issues={issues} onChange={setLeaf} />}
      {'tag' in rule.leaf && <NameRule field="tag" value={rule.leaf.tag} path={path} issues={issues} onChange={(tag) => setLeaf({ tag })} />}
      {'segment' in rule.leaf && <NameRule field="segment" value={rule.leaf.segment} path={path} issues={issues} onChange={(segment) => setLeaf({ segment })} />}
      {'event' in rule.leaf && <EventRule leaf={rule.leaf} path={path} issues={issues} onChange={setLeaf} />}
    </div>
  );
}

function AttrRule({ leaf, path, issues, onChange }: { leaf: AttrLeaf; path: string; issues: IssueLookup; onChange(leaf: AttrLeaf): void }) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  return (
    <>
      <Field label={t('inspector.attr')} error={issues.at(`${path}.attr`, leaf.attr ? undefined : t('forms.required'))}>
        <PickerInput value={leaf.attr} options={vocab.attributes} labels="attr" testId="inspector-attr" onChange={(attr) => onChange({ ...leaf, attr })} />
      </Field>
      <span className="inline">
        <select value={leaf.op} data-testid="inspector-op" aria-label={t('inspector.op')} onChange={(e) => onChange(withOp(leaf, e.target.value as AttrLeaf['op']))}>
          {comparisonOps.map((op) => (
            <option key={op} value={op}>
              {t(`rules.ops.${op}`)}
            </option>
          ))}
        </select>
        {leaf.op !== 'exists' && (
          <input
            value={showAttrValue(leaf.value)}
            data-testid="inspector-value"
            aria-label={t('inspector.value')}
            placeholder={leaf.op === 'in' || leaf.op === 'nin' || leaf.op === 'between' ? t('rules.listHint') : ''}
            onChange={(e) => onChange({ ...leaf, value: parseAttrValue(leaf.op, e.target.value) })}
          />
        )}
      </span>
    </>
  );
}

function NameRule({ field, value, path, issues, onChange }: { field: 'tag' | 'segment'; value: string; path: string; issues: IssueLookup; onChange(v: string): void }) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const hints = useNameHints();
  return (
    <Field label={t(`rules.kinds.${field}`)} error={issues.at(`${path}.${field}`, t('forms.required'))}>
      <PickerInput value={value} options={field === 'tag' ? vocab.tags : vocab.segments} hint={hints[field]} testId={`inspector-${field}`} onChange={onChange} />
    </Field>
  );
}

const countOps = ['gte', 'gt', 'eq', 'lt', 'lte'] as const;
type CountOp = (typeof countOps)[number];

function EventRule({ leaf, path, issues, onChange }: { leaf: EventLeaf; path: string; issues: IssueLookup; onChange(leaf: EventLeaf): void }) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  // The count is typed as text so the box can be cleared while typing.
  const [countText, setCountText] = useState(leaf.count ? String(leaf.count.value) : '1');
  const countOk = /^\d+$/.test(countText.trim());
  const setCount = (op: CountOp | '', text: string) => {
    const { count: _old, ...rest } = leaf;
    if (!op) return onChange(rest);
    // An unreadable count is stored as -1 so the node is flagged until it is fixed.
    onChange({ ...rest, count: { op, value: /^\d+$/.test(text.trim()) ? Number(text) : -1 } });
  };
  return (
    <>
      <Field label={t('inspector.event')} error={issues.at(`${path}.event`, t('forms.required'))}>
        <PickerInput value={leaf.event} options={vocab.events} labels="event" testId="inspector-event" onChange={(event) => onChange({ ...leaf, event })} />
      </Field>
      <Field label={t('forms.within')} hint={t('forms.optionalDuration')} error={issues.at(`${path}.within`)}>
        <DurationInput
          iso={leaf.within ?? ''}
          testId="within"
          onChange={(within) => {
            const { within: _old, ...rest } = leaf;
            onChange(within ? { ...rest, within } : rest);
          }}
        />
      </Field>
      <EventFilter
        event={leaf.event}
        value={leaf.where}
        path={`${path}.where`}
        issues={issues}
        onChange={(where) => {
          const { where: _old, ...rest } = leaf;
          onChange(where ? { ...rest, where } : rest);
        }}
      />
      <Field label={t('forms.count')} error={leaf.count && !countOk ? t('forms.badCount') : issues.at(`${path}.count`)}>
        <span className="inline">
          <select value={leaf.count?.op ?? ''} data-testid="inspector-rule-count-op" onChange={(e) => setCount(e.target.value as CountOp | '', countText)}>
            <option value="">{t('rules.anyCount')}</option>
            {countOps.map((op) => (
              <option key={op} value={op}>
                {t(`rules.ops.${op}`)}
              </option>
            ))}
          </select>
          {leaf.count && (
            <input
              type="number"
              min={0}
              step={1}
              value={countText}
              data-testid="inspector-rule-count-value"
              onChange={(e) => {
                setCountText(e.target.value);
                setCount(leaf.count!.op, e.target.value);
              }}
            />
          )}
        </span>
      </Field>
    </>
  );
}

/**
 * 事件属性筛选: only events whose properties match count, e.g. "order paid, amount ≥ 200".
 * The rules read the event, so the attribute picker offers that event's properties.
 */
export function EventFilter({
  event,
  value,
  path,
  issues,
  onChange,
}: {
  event: string;
  value: Condition | undefined;
  path: string;
  issues: IssueLookup;
  onChange(where: Condition | undefined): void;
}) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const properties = useMemo(() => ({ ...vocab, attributes: vocab.eventProperties[event] ?? [] }), [vocab, event]);
  if (!value) {
    return (
      <button type="button" className="btn small ghost" data-testid="inspector-add-filter" onClick={() => onChange(blankRule('attr').leaf)}>
        + {t('forms.addEventFilter')}
      </button>
    );
  }
  return (
    <div className="field event-filter" data-testid="inspector-event-filter">
      <span className="field-label">{t('forms.eventFilter')}</span>
      <span className="field-hint">{t('forms.eventFilterHint')}</span>
      <VocabularyContext.Provider value={properties}>
        <ConditionEditor value={value} onChange={onChange} kinds={['attr']} path={path} issues={issues} testId="inspector-where" />
      </VocabularyContext.Provider>
    </div>
  );
}
