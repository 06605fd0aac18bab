'use client';

import { useTranslation } from 'react-i18next';
import { useReactFlow } from '@xyflow/react';
import { useLocale } from '@/i18n/provider';
import { useEditor } from '@/stores/editor';

export function ProblemsPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const problems = useEditor((s) => s.problems);
  const select = useEditor((s) => s.select);
  const flow = useReactFlow();

  const focus = (nodeId: string) => {
    select(nodeId);
    const node = flow.getNode(nodeId);
    if (!node) return;
    const w = node.measured?.width ?? 180;
    const h = node.measured?.height ?? 80;
    void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  };

  return (
    <section className="problems" data-testid="problems">
      <h2>
        {t('problems.heading')} <span className={`count${problems.length ? ' bad' : ' good'}`}>{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted small">{t('problems.none')}</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.path}-${i}`}>
              <button
                type="button"
                className="problem"
                data-testid={p.nodeId ? `problem-${p.nodeId}` : 'problem-journey'}
                onClick={() => p.nodeId && focus(p.nodeId)}
                disabled={!p.nodeId}
              >
                <span className="problem-where">{p.nodeId ?? t('problems.journey')}</span>
                <span>{locale === 'zh-CN' ? p.messageZh : p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
