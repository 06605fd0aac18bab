'use client';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, type FormProps } from './fields';

const pretty = (config: unknown) => JSON.stringify(config, null, 2);

/**
 * The config as JSON, checked by live validation: the editor for kinds without a form, and the
 * "advanced" view under every form. It follows edits made in the form beside it.
 */
export function JsonConfigForm({ config, onChange }: FormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => pretty(config));
  const [error, setError] = useState<string | null>(null);
  // The config this text shows; a different one came from the form, so the text is redrawn.
  const [shown, setShown] = useState(config);
  if (config !== shown) {
    setShown(config);
    setText(pretty(config));
    setError(null);
  }
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
            // Typed here: keep the person's own formatting rather than redrawing it.
            setShown(parsed as Record<string, unknown>);
            onChange(parsed as Record<string, unknown>);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      />
    </Field>
  );
}
