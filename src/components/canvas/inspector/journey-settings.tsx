'use client';

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '@/components/trpc-provider';
import { parseDuration } from '@/journey';
import { useEditor } from '@/stores/editor';
import { Field } from './fields';
import { PickerInput, VocabularyContext } from './form-kit';
import { collectVocabulary } from './vocabulary';
import { HoldoutSetting } from './holdout-setting';
import { SendRateSetting } from './send-rate-setting';

type Reentry = 'never' | 'after_exit' | 'always';

/** `YYYY-MM-DD` in the viewer's zone ↔ an instant with the offset that zone has on that day. */
function dayToInstant(day: string, end: boolean): string {
  const [y, m, d] = day.split('-').map(Number);
  const local = new Date(y, m - 1, d, end ? 23 : 0, end ? 59 : 0, end ? 59 : 0);
  const off = -local.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${day}T${end ? '23:59:59' : '00:00:00'}${sign}${hh}:${mm}`;
}
function instantToDay(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

function withinDays(iso: string | undefined): string {
  const d = iso ? parseDuration(iso) : null;
  return d ? String(Math.round(d.as('days') * 100) / 100) : '';
}

export function JourneySettings() {
  const { t } = useTranslation();
  const meta = useEditor((s) => s.meta);
  const updateMeta = useEditor((s) => s.updateMeta);
  const goal = meta.goal;
  // The goal event is picked like any other event, with the same warning for names the workspace never received.
  const trpc = useTRPC();
  const workspace = useQuery({ ...trpc.members.vocabulary.queryOptions(), staleTime: 60_000 });
  const vocabulary = useMemo(() => collectVocabulary({ nodes: [] }, workspace.data), [workspace.data]);

  const setGoal = (patch: { event?: string; within?: string | undefined; exitOnGoal?: boolean }) => {
    const next = { event: goal?.event ?? '', exitOnGoal: goal?.exitOnGoal ?? false, ...(goal?.within ? { within: goal.within } : {}), ...patch };
    if (!next.within) delete next.within;
    // An empty goal event means "no goal", not an invalid one.
    updateMeta({ goal: next.event.trim() ? next : undefined });
  };

  return (
    <VocabularyContext.Provider value={vocabulary}>
      <h2>{t('inspector.settings')}</h2>
      <Field label={t('inspector.name')}>
        <input value={meta.name} data-testid="inspector-name" onChange={(e) => updateMeta({ name: e.target.value })} />
      </Field>
      <Field label={t('inspector.goalEvent')} hint={t('inspector.goalEventHint')}>
        <PickerInput value={goal?.event ?? ''} options={vocabulary.events} labels="event" testId="inspector-goal-event" onChange={(event) => setGoal({ event })} />
      </Field>
      <Field label={t('inspector.goalWithin')}>
        <input
          type="number"
          min={1}
          step={1}
          disabled={!goal}
          defaultValue={withinDays(goal?.within)}
          data-testid="inspector-goal-within"
          onChange={(e) => {
            const n = Number(e.target.value);
            setGoal({ within: e.target.value && Number.isInteger(n) && n > 0 ? `P${n}D` : undefined });
          }}
        />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          disabled={!goal}
          checked={goal?.exitOnGoal ?? false}
          data-testid="inspector-exit-on-goal"
          onChange={(e) => setGoal({ exitOnGoal: e.target.checked })}
        />
        {t('inspector.exitOnGoal')}
      </label>
      <Field label={t('inspector.reentry')}>
        <select
          value={meta.entry?.reentry ?? 'never'}
          data-testid="inspector-reentry"
          onChange={(e) => updateMeta({ entry: { ...meta.entry, reentry: e.target.value as Reentry } })}
        >
          <option value="never">{t('inspector.reentryNever')}</option>
          <option value="after_exit">{t('inspector.reentryAfterExit')}</option>
          <option value="always">{t('inspector.reentryAlways')}</option>
        </select>
      </Field>
      {(meta.entry?.reentry ?? 'never') !== 'never' && (
        <Field label={t('designer.minInterval')} hint={t('designer.minIntervalHint')}>
          <input
            type="number"
            min={0}
            step={1}
            defaultValue={withinDays(meta.entry?.minInterval)}
            data-testid="inspector-min-interval"
            onChange={(e) => {
              const n = Number(e.target.value);
              const { minInterval: _old, ...rest } = meta.entry ?? { reentry: 'never' as const };
              updateMeta({ entry: e.target.value && Number.isInteger(n) && n > 0 ? { ...rest, minInterval: `P${n}D` } : rest });
            }}
          />
        </Field>
      )}
      <Field label={t('designer.window')} hint={t('designer.windowHint')}>
        <span className="inline-tools window-dates">
          {(['from', 'to'] as const).map((side) => (
            <input
              key={side}
              type="date"
              aria-label={t(`designer.window_${side}`)}
              value={instantToDay(meta.entry?.window?.[side])}
              data-testid={`inspector-window-${side}`}
              onChange={(e) => {
                const window = { ...meta.entry?.window };
                if (e.target.value) window[side] = dayToInstant(e.target.value, side === 'to');
                else delete window[side];
                const { window: _old, ...rest } = meta.entry ?? { reentry: 'never' as const };
                updateMeta({ entry: window.from || window.to ? { ...rest, window } : rest });
              }}
            />
          ))}
        </span>
      </Field>
      <SendRateSetting />
      <HoldoutSetting />
    </VocabularyContext.Provider>
  );
}
