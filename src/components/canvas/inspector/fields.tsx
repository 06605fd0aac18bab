'use client';

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDuration } from '@/journey';

export interface FormProps<C = Record<string, unknown>> {
  config: C;
  onChange(config: C): void;
}

export function Field({ label, children, hint, error }: { label: string; children: ReactNode; hint?: ReactNode; error?: string | null }) {
  return (
    <label className={`field${error ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error && (
        <span className="field-error" role="alert" data-testid="field-error">
          {error}
        </span>
      )}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

type Unit = 'minutes' | 'hours' | 'days';
const unitIso: Record<Unit, (n: number) => string> = {
  minutes: (n) => `PT${n}M`,
  hours: (n) => `PT${n}H`,
  days: (n) => `P${n}D`,
};

/** Splits an ISO duration into the largest whole unit the form offers. */
export function splitDuration(iso: string): { value: string; unit: Unit } {
  const d = parseDuration(iso);
  if (!d) return { value: '', unit: 'days' };
  const minutes = d.as('minutes');
  if (minutes % 1440 === 0) return { value: String(minutes / 1440), unit: 'days' };
  if (minutes % 60 === 0) return { value: String(minutes / 60), unit: 'hours' };
  return { value: String(Math.round(minutes)), unit: 'minutes' };
}

export function joinDuration(value: string, unit: Unit): string {
  const n = Number(value);
  // An empty or non-positive amount is kept as an invalid duration so validation flags it.
  if (!value.trim() || !Number.isInteger(n) || n <= 0) return '';
  return unitIso[unit](n);
}

/** Number + unit, stored as ISO 8601. Local state lets the user clear the box while typing. */
export function DurationInput({ iso, onChange, testId }: { iso: string; onChange(iso: string): void; testId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState(() => splitDuration(iso));
  const update = (next: { value: string; unit: Unit }) => {
    setState(next);
    onChange(joinDuration(next.value, next.unit));
  };
  return (
    <div className="duration">
      <input
        type="number"
        min={1}
        step={1}
        value={state.value}
        data-testid={`inspector-${testId}-value`}
        onChange={(e) => update({ ...state, value: e.target.value })}
      />
      <select value={state.unit} data-testid={`inspector-${testId}-unit`} onChange={(e) => update({ ...state, unit: e.target.value as Unit })}>
        <option value="minutes">{t('inspector.unitMinutes')}</option>
        <option value="hours">{t('inspector.unitHours')}</option>
        <option value="days">{t('inspector.unitDays')}</option>
      </select>
    </div>
  );
}
