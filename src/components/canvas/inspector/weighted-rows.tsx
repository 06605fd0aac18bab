'use client';

import { useTranslation } from 'react-i18next';

/** Pieces shared by the weighted-row tables of the splitter and the A/B split. */

/** A row's validation message, beside its key. */
export function RowError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert" data-testid="field-error">
      {message}
    </span>
  );
}

/** A weight box. An empty box is kept as NaN so validation flags the row rather than dropping it. */
export function WeightInput({ weight, testId, onChange }: { weight: number; testId: string; onChange(weight: number): void }) {
  const { t } = useTranslation();
  return (
    <input
      type="number"
      min={1}
      value={Number.isFinite(weight) ? weight : ''}
      data-testid={testId}
      aria-label={t('inspector.weight')}
      onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
    />
  );
}

/** Removes a row; a split keeps at least two. */
export function RemoveRowButton({ rowCount, testId, onRemove }: { rowCount: number; testId: string; onRemove(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn small ghost" data-testid={testId} disabled={rowCount <= 2} onClick={onRemove}>
      {t('inspector.remove')}
    </button>
  );
}
