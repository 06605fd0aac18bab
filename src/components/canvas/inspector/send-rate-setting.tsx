'use client';

import { useTranslation } from 'react-i18next';
import { useEditor } from '@/stores/editor';
import '@/i18n/send-limit-resources';
import { Field } from './fields';

/** Journey setting: at most N messages per minute to channel providers (policy.maxSendsPerMinute); the excess waits its turn. */
export function SendRateSetting() {
  const { t } = useTranslation();
  const policy = useEditor((s) => s.meta.policy);
  const updateMeta = useEditor((s) => s.updateMeta);
  return (
    <Field label={t('sendLimit.journey')} hint={t('sendLimit.journeyHint')}>
      <input
        type="number"
        min={1}
        step={1}
        value={policy?.maxSendsPerMinute ?? ''}
        data-testid="inspector-max-sends"
        // An out-of-range value is kept so the problems panel names it, rather than silently clamped.
        onChange={(e) => {
          const { maxSendsPerMinute: _old, ...rest } = policy ?? { quietHours: 'defer' as const };
          updateMeta({ policy: e.target.value === '' ? rest : { ...rest, maxSendsPerMinute: Number(e.target.value) } });
        }}
      />
    </Field>
  );
}
