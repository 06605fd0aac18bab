'use client';

import { useTranslation } from 'react-i18next';
import { Field, type FormProps } from './fields';

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function without<T extends Record<string, unknown>>(obj: T, key: string): T {
  const { [key]: _drop, ...rest } = obj;
  return rest as T;
}

/** Weekday checkboxes; none ticked means every day. */
function DaysPicker({ value, onChange }: { value: string[] | undefined; onChange(days: string[] | undefined): void }) {
  const { t } = useTranslation();
  const picked = new Set(value ?? []);
  return (
    <Field label={t('forms.days')} hint={t('forms.daysHint')}>
      <span className="days">
        {days.map((d) => (
          <label key={d} className="day">
            <input
              type="checkbox"
              checked={picked.has(d)}
              data-testid={`inspector-day-${d}`}
              onChange={(e) => {
                const next = days.filter((x) => (x === d ? e.target.checked : picked.has(x)));
                onChange(next.length ? next : undefined);
              }}
            />
            {t(`forms.day.${d}`)}
          </label>
        ))}
      </span>
    </Field>
  );
}

export function WaitUntilForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const mode = typeof config.at === 'string' ? 'at' : 'time';
  const time = String(config.time ?? '');
  const at = String(config.at ?? '');
  return (
    <>
      <Field label={t('forms.waitMode')}>
        <select
          value={mode}
          data-testid="inspector-wait-mode"
          onChange={(e) => onChange(e.target.value === 'at' ? { at: '' } : { time: '10:00' })}
        >
          <option value="time">{t('forms.modeTime')}</option>
          <option value="at">{t('forms.modeAt')}</option>
        </select>
      </Field>
      {mode === 'time' ? (
        <>
          <Field label={t('forms.time')} hint={t('forms.timeHint')} error={hhmm.test(time) ? null : t('forms.badTime')}>
            <input value={time} placeholder="10:00" data-testid="inspector-time" onChange={(e) => onChange({ ...config, time: e.target.value })} />
          </Field>
          <DaysPicker value={config.days as string[] | undefined} onChange={(d) => onChange(d ? { ...config, days: d } : without(config, 'days'))} />
        </>
      ) : (
        <Field label={t('forms.at')} hint={t('forms.atHint')} error={instant.test(at) ? null : t('forms.badInstant')}>
          <input value={at} placeholder="2026-11-11T10:00:00+08:00" data-testid="inspector-at" onChange={(e) => onChange({ at: e.target.value })} />
        </Field>
      )}
    </>
  );
}

export function BranchTimeForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const between = Array.isArray(config.between) ? (config.between as string[]) : ['09:00', '21:00'];
  const setAt = (i: 0 | 1, v: string) => onChange({ ...config, between: i === 0 ? [v, between[1]] : [between[0], v] });
  return (
    <>
      <Field label={t('forms.from')} error={hhmm.test(between[0] ?? '') ? null : t('forms.badTime')}>
        <input value={between[0] ?? ''} placeholder="09:00" data-testid="inspector-from" onChange={(e) => setAt(0, e.target.value)} />
      </Field>
      <Field label={t('forms.to')} hint={t('forms.betweenHint')} error={hhmm.test(between[1] ?? '') ? null : t('forms.badTime')}>
        <input value={between[1] ?? ''} placeholder="21:00" data-testid="inspector-to" onChange={(e) => setAt(1, e.target.value)} />
      </Field>
      <DaysPicker value={config.days as string[] | undefined} onChange={(d) => onChange(d ? { ...config, days: d } : without(config, 'days'))} />
    </>
  );
}

export { without };
