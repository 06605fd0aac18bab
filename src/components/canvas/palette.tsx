'use client';

import { memo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeKinds, pick, type NodeCategory } from '@/journey';
import { useLocale } from '@/i18n/provider';
import { NodeIcon } from './node-icon';

export const DRAG_MIME = 'application/journey-node';
const categories: NodeCategory[] = ['trigger', 'flow', 'condition', 'split', 'action'];

function onDragStart(e: DragEvent<HTMLElement>, kind: string) {
  e.dataTransfer.setData(DRAG_MIME, kind);
  e.dataTransfer.effectAllowed = 'move';
}

/** Matches in either language and on the kind, so "wait", "等待" and "wait.event" all find the waits. */
function matches(k: (typeof nodeKinds)[number], query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [k.kind, k.label.en, k.label.zh, k.description.en, k.description.zh].some((text) => text.toLowerCase().includes(q));
}

function PaletteView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const q = query.trim();
  return (
    <aside className="palette" data-testid="palette">
      <h2>{t('editor.palette')}</h2>
      <p className="muted small">{t('editor.paletteHint')}</p>
      <input
        className="palette-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={locale === 'zh-CN' ? '搜索节点…' : 'Search nodes…'}
        aria-label={locale === 'zh-CN' ? '搜索节点' : 'Search nodes'}
        data-testid="palette-search"
      />
      {categories.map((category) => {
        const kinds = nodeKinds.filter((k) => k.category === category && matches(k, q));
        if (kinds.length === 0) return null;
        return (
          <section key={category} className="palette-group">
            <h3>{t(`category.${category}`)}</h3>
            {kinds.map((k) => (
              <div
                key={k.kind}
                className={`palette-item jn-${category}`}
                draggable
                onDragStart={(e) => onDragStart(e, k.kind)}
                data-testid={`palette-${k.kind}`}
                title={pick(k.description, locale)}
              >
                <span className="palette-icon" aria-hidden>
                  <NodeIcon kind={k.kind} />
                </span>
                <span className="palette-text">
                  <span className="palette-label">{pick(k.label, locale)}</span>
                  <span className="palette-desc">{pick(k.description, locale)}</span>
                </span>
              </div>
            ))}
          </section>
        );
      })}
    </aside>
  );
}

export const Palette = memo(PaletteView);
