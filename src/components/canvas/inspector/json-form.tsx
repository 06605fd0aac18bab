'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, type FormProps } from './fields';

/** Kinds without a dedicated form are still editable: their config as JSON, checked by live validation. */
export function JsonConfigForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(config, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <Field label={t('inspector.configJson')} hint={error ? <span className="error">{error}</span> : t('inspector.configJsonHint')}>
      <textarea
        rows={10}
        spellCheck={false}
        className="mono"
        value={text}
        data-testid="inspector-config-json"
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('inspector.configJsonObject'));
            setError(null);
            onChange(parsed as Record<string, unknown>);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      />
    </Field>
  );
}
