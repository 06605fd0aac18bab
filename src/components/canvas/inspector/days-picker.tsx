'use client';

import { useTranslation } from 'react-i18next';
import { Field } from './fields';

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof days)[number];

/** Weekday checkboxes; none ticked means every day. */
export function DaysPicker({ value, onChange }: { value: readonly string[] | undefined; onChange(days: Day[] | undefined): void }) {
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
