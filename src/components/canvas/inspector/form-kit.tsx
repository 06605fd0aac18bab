'use client';

import { createContext, useContext, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLocale } from '@/i18n/provider';
import { configIssues, issueLookup, type IssueLookup } from './config-issues';
import '@/i18n/designer-resources';
import { collectVocabulary, type Vocabulary } from './vocabulary';

const emptyVocabulary = collectVocabulary({ nodes: [] });
export const VocabularyContext = createContext<Vocabulary>(emptyVocabulary);

/** Names to offer in pickers: standard events, attributes, tiers, and what the journey already uses. */
export function useVocabulary(): Vocabulary {
  return useContext(VocabularyContext);
}

/** The node kind's validation, by field, in the current language. */
export function useIssues(kind: string, config: unknown): IssueLookup {
  const locale = useLocale();
  return useMemo(() => issueLookup(configIssues(kind, config, locale)), [kind, config, locale]);
}

/** Hints beside the workspace's own names in pickers: a segment's display name, a group's or tag's size. */
export function useNameHints() {
  const { hints } = useVocabulary();
  const { t } = useTranslation();
  const { number } = useFormat();
  return useMemo(
    () => ({
      // A segment condition may name a dynamic segment or a static group.
      segment: (id: string) =>
        hints.segmentNames[id] ?? (id in hints.groupSizes ? t('vocab.groupSize', { count: hints.groupSizes[id], formatted: number(hints.groupSizes[id]) }) : undefined),
      tag: (tag: string) => (tag in hints.tagSizes ? t('vocab.tagSize', { count: hints.tagSizes[tag], formatted: number(hints.tagSizes[tag]) }) : undefined),
    }),
    [hints, t, number],
  );
}

type Labelled = 'event' | 'attr' | 'tier';

/** A text box with suggestions: known names are one click away, and new ones can still be typed. */
export function PickerInput({
  value,
  options,
  labels,
  hint,
  onChange,
  testId,
  placeholder,
}: {
  value: string;
  options: readonly string[];
  labels?: Labelled;
  /** Text shown beside an option when it has no translated label. */
  hint?: (option: string) => string | undefined;
  onChange(value: string): void;
  testId: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const { knownEvents } = useVocabulary();
  // An event name the workspace has never received is most likely a typo (order_payed): say so, but accept it.
  const unknown = labels === 'event' && knownEvents !== null && value.trim() !== '' && !knownEvents.includes(value.trim());
  return (
    <>
      <input
        list={listId}
        value={value}
        placeholder={placeholder}
        data-testid={testId}
        autoComplete="off"
        className={unknown ? 'warn' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {unknown && (
        <span className="field-warn" data-testid={`${testId}-unknown`}>
          {t('designer.unknownEvent', { event: value.trim() })}
        </span>
      )}
      <datalist id={listId} data-testid={`${testId}-options`}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels ? t(`vocab.${labels}.${o.replace(/\./g, '_')}`, { defaultValue: '' }) : hint?.(o)}
          </option>
        ))}
      </datalist>
    </>
  );
}

/** A copy of `obj` without `key`: how a form clears an optional setting. */
export function without<T extends object>(obj: T, key: string): T {
  const { [key]: _drop, ...rest } = obj as Record<string, unknown>;
  return rest as T;
}

/** A problem with the configuration as a whole (e.g. "choose a segment or a condition"). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert" data-testid="field-error">
      {message}
    </p>
  );
}

/**
 * Stable React keys for an editable list, so removing row 1 does not hand row 2's
 * half-typed local state (durations, counts) to another row.
 */
export function useRowKeys(count: number) {
  const next = useRef(count);
  const [keys, setKeys] = useState<number[]>(() => Array.from({ length: count }, (_, i) => i));
  // Undo, redo and import remount the form; a mismatch here only follows an edit made elsewhere.
  const aligned = keys.length >= count ? keys.slice(0, count) : [...keys, ...Array.from({ length: count - keys.length }, (_, i) => -1 - i)];
  return {
    keys: aligned,
    added: () => setKeys([...aligned, next.current++]),
    removed: (index: number) => setKeys(aligned.filter((_, i) => i !== index)),
  };
}
