'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './fields';
import { PickerInput, useVocabulary } from './form-kit';
import {
  commonOffsets,
  hhmmPattern,
  joinInstant,
  parseRecurrence,
  splitInstant,
  toCron,
  weekdays,
  type Frequency,
  type LocalInstant,
  type Recurrence,
  type Weekday,
} from './schedule-values';

/** A date-time picker plus its UTC offset, stored as one ISO 8601 instant ("2027-02-06T10:00:00+08:00"). */
export function InstantInput({ iso, label, error, testId, onChange }: { iso: string; label: string; error: string | null; testId: string; onChange(iso: string): void }) {
  const { t } = useTranslation();
  // Kept locally so the offset survives while the date box is empty.
  const [state, setState] = useState<LocalInstant>(() => splitInstant(iso));
  const offsets: string[] = commonOffsets.includes(state.offset as (typeof commonOffsets)[number]) ? [...commonOffsets] : [state.offset, ...commonOffsets];
  const update = (next: LocalInstant) => {
    setState(next);
    onChange(joinInstant(next));
  };
  return (
    <Field label={label} hint={t('forms.instantHint')} error={state.local ? error : t('forms.pickDate')}>
      <span className="inline instant">
        <input type="datetime-local" value={state.local} data-testid={`inspector-${testId}`} onChange={(e) => update({ ...state, local: e.target.value })} />
        <select value={state.offset} data-testid={`inspector-${testId}-offset`} aria-label={t('forms.utcOffset')} onChange={(e) => update({ ...state, offset: e.target.value })}>
          {offsets.map((o) => (
            <option key={o} value={o}>
              UTC{o}
            </option>
          ))}
        </select>
      </span>
    </Field>
  );
}

/** "Every Monday at 10:00" in plain fields, written as cron; anything fancier is typed as cron directly. */
export function RecurrenceInput({
  cron,
  tz,
  cronError,
  tzError,
  onChange,
}: {
  cron: string;
  tz: string;
  cronError: string | null;
  tzError: string | null;
  onChange(cron: string, tz: string): void;
}) {
  const { t } = useTranslation();
  const vocab = useVocabulary();
  const [state, setState] = useState<Recurrence>(() => parseRecurrence(cron));
  const update = (next: Recurrence) => {
    setState(next);
    onChange(toCron(next) ?? '', tz);
  };
  const timeOk = state.frequency === 'custom' || hhmmPattern.test(state.time);
  return (
    <>
      <Field label={t('forms.repeat')}>
        <select value={state.frequency} data-testid="inspector-frequency" onChange={(e) => update({ ...state, frequency: e.target.value as Frequency, cron: cron })}>
          {(['daily', 'weekly', 'monthly', 'custom'] as const).map((f) => (
            <option key={f} value={f}>
              {t(`forms.frequency.${f}`)}
            </option>
          ))}
        </select>
      </Field>
      {state.frequency === 'weekly' && (
        <Field label={t('forms.weekday')}>
          <select value={state.weekday} data-testid="inspector-weekday" onChange={(e) => update({ ...state, weekday: e.target.value as Weekday })}>
            {weekdays.map((d) => (
              <option key={d} value={d}>
                {t(`forms.weekdayName.${d}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {state.frequency === 'monthly' && (
        <Field label={t('forms.dayOfMonth')} error={toCron(state) === null && timeOk ? t('forms.badDayOfMonth') : null}>
          <input
            type="number"
            min={1}
            max={31}
            value={Number.isFinite(state.dayOfMonth) ? state.dayOfMonth : ''}
            data-testid="inspector-day-of-month"
            onChange={(e) => update({ ...state, dayOfMonth: e.target.value === '' ? NaN : Number(e.target.value) })}
          />
        </Field>
      )}
      {state.frequency === 'custom' ? (
        <Field label={t('forms.cron')} hint={t('forms.cronHint')} error={state.cron.trim() ? cronError : t('forms.required')}>
          <input value={state.cron} className="mono" placeholder="0 10 * * 1" data-testid="inspector-cron" onChange={(e) => update({ ...state, cron: e.target.value })} />
        </Field>
      ) : (
        <Field label={t('forms.runAt')} hint={t('forms.timeHint')} error={timeOk ? null : t('forms.badTime')}>
          <input value={state.time} placeholder="10:00" data-testid="inspector-run-time" onChange={(e) => update({ ...state, time: e.target.value })} />
        </Field>
      )}
      <Field label={t('forms.timeZone')} error={tzError}>
        <PickerInput value={tz} options={vocab.timeZones} testId="inspector-tz" onChange={(next) => onChange(toCron(state) ?? '', next)} />
      </Field>
    </>
  );
}
