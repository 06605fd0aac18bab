'use client';

import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { getNodeKind, pick } from '@/journey';
import { useFormat } from '@/i18n/provider';
import { useEditor, type FlowNode } from '@/stores/editor';
import { percent, shareTint } from './stat-scale';
import { countRender } from './render-debug';
import { NodeIcon } from './node-icon';
import { MessageNodeStats, RecordOnlyBadge } from './message-node-stats';
import { PoolStockBadge } from '@/components/coupons/pool-stock-badge';

function JourneyNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  countRender('nodes', id);
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = fmt.locale;
  const def = getNodeKind(data.kind);
  const error = useEditor((s) => (locale === 'zh-CN' ? s.nodeErrorsZh[id] : s.nodeErrors[id]));
  const stats = useEditor((s) => s.stats?.nodes[id]);
  const variants = useEditor((s) => s.stats?.variants[id]);
  const analyticsOn = useEditor((s) => s.stats !== null);
  const visits = useEditor((s) => s.trace?.order[id]);
  const base = useEditor((s) => s.statsBase);
  // With analytics on, the header is tinted by the share of the journey's entrants that got here.
  const reach = analyticsOn && base > 0 ? Math.min(1, (stats?.entered ?? 0) / base) : null;

  // A config that does not parse yet still renders; it just cannot offer its handles.
  const { handles, summary } = useMemo(() => {
    if (!def) return { handles: [], summary: data.kind };
    const parsed = def.configSchema.safeParse(data.config);
    if (!parsed.success) return { handles: safeHandles(def, data.config), summary: '' };
    return { handles: def.handles(parsed.data), summary: def.summary(parsed.data, locale) };
  }, [def, data.config, data.kind, locale]);

  // React Flow caches handle positions; tell it when a split gains or loses a variant.
  const updateInternals = useUpdateNodeInternals();
  const handleKey = handles.map((h) => h.id).join('|');
  useEffect(() => updateInternals(id), [handleKey, id, updateInternals]);

  const category = def?.category ?? 'flow';
  return (
    <div
      className={`jn jn-${category}${error ? ' jn-invalid' : ''}${selected ? ' jn-selected' : ''}${visits ? ' jn-visited' : ''}`}
      data-testid={`node-${id}`}
      data-kind={data.kind}
    >
      {def?.hasInput !== false && (
        <Handle type="target" position={Position.Top} id="in" className="jn-target" data-testid={`target-${id}`} />
      )}
      <div
        className="jn-head"
        style={reach === null ? undefined : { background: shareTint(reach) }}
        title={reach === null ? undefined : t('overlay.reachHint', { share: percent(reach) })}
      >
        <span className="jn-icon" aria-hidden>
          <NodeIcon kind={data.kind} size={15} />
        </span>
        <span className="jn-label">{data.label ?? (def ? pick(def.label, locale) : data.kind)}</span>
        <RecordOnlyBadge id={id} config={data.config} />
        <span className="jn-id">{id}</span>
        {reach !== null && (
          <span className="jn-reach" data-testid={`reach-${id}`}>
            {percent(reach)}%
          </span>
        )}
        {visits && (
          <span className="jn-visit" data-testid={`visit-${id}`} title={t('testRun.visitOrder')}>
            {visits.join(',')}
          </span>
        )}
      </div>
      {summary && (
        <div className="jn-summary" title={summary}>
          {summary}
        </div>
      )}
      {error && (
        <div className="jn-error" data-testid={`node-error-${id}`}>
          {error}
        </div>
      )}
      {analyticsOn && (
        <div className="jn-stats">
          <span>
            {t('stats.entered')} <b data-testid={`stat-${id}-entered`}>{fmt.count(stats?.entered ?? 0)}</b>
          </span>
          <span>
            {t('stats.waiting')} <b data-testid={`stat-${id}-waiting`}>{fmt.count(stats?.waiting ?? 0)}</b>
          </span>
          {def?.experiment &&
            handles.map((h) => (
              <span key={h.id} className="jn-variant">
                {h.id}: <b data-testid={`stat-${id}-variant-${h.id}`}>{fmt.count(variants?.[h.id]?.assigned ?? 0)}</b>
              </span>
            ))}
        </div>
      )}
      <MessageNodeStats id={id} config={data.config} />
      <PoolStockBadge id={id} config={data.config} />
      {handles.length > 0 && (
        <div className="jn-outs">
          {handles.map((h) => (
            <div key={h.id} className="jn-out">
              <span className="jn-out-label">{pick(h.label, locale)}</span>
              {analyticsOn && (
                <span className="jn-out-stat" data-testid={`stat-${id}-handle-${h.id}`}>
                  {fmt.count(stats?.byHandle[h.id] ?? 0)}
                </span>
              )}
            </div>
          ))}
        </div>
      )}
      {handles.map((h, i) => (
        <Handle
          key={h.id}
          type="source"
          position={Position.Bottom}
          id={h.id}
          className="jn-source"
          data-testid={`handle-${id}-${h.id}`}
          style={{ left: `${((i + 0.5) / handles.length) * 100}%` }}
        />
      ))}
    </div>
  );
}

/** Splits keep handles for the variants that are still well-formed while their config is being edited. */
function safeHandles(def: NonNullable<ReturnType<typeof getNodeKind>>, config: Record<string, unknown>) {
  try {
    return def.handles(config);
  } catch {
    return [];
  }
}

export const JourneyNode = memo(JourneyNodeView);
