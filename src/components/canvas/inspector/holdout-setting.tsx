'use client';

import { useTranslation } from 'react-i18next';
import { useEditor } from '@/stores/editor';
import '@/i18n/holdout-resources';
import { Field } from './fields';

/** Journey setting: hold out X% of entrants as a global control (enrolled and counted, nothing sent). */
export function HoldoutSetting() {
  const { t } = useTranslation();
  const holdout = useEditor((s) => s.meta.holdout);
  const updateMeta = useEditor((s) => s.updateMeta);
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={!!holdout}
          data-testid="inspector-holdout"
          onChange={(e) => updateMeta({ holdout: e.target.checked ? { percent: 10 } : undefined })}
        />
        {t('holdout.enable')}
      </label>
      {holdout && (
        <Field label={t('holdout.percent')} hint={t('holdout.hint')}>
          <input
            type="number"
            min={0.1}
            max={50}
            step={0.1}
            value={holdout.percent}
            data-testid="inspector-holdout-percent"
            // An out-of-range value is kept so the problems panel names it, rather than silently clamped.
            onChange={(e) => e.target.value !== '' && updateMeta({ holdout: { percent: Number(e.target.value) } })}
          />
        </Field>
      )}
    </>
  );
}
