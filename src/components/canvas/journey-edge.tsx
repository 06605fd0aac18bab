'use client';

import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_HANDLE } from '@/journey';
import { edgeMeaning } from '@/journey/edge-meaning';
import { useFormat } from '@/i18n/provider';
import { useEditor } from '@/stores/editor';
import { MEANING_COLOR, percent, shareWidth } from './stat-scale';
import { countRender } from './render-debug';

/**
 * A smooth-step edge. With analytics on it is labelled with the members who took it and their
 * share of the journey's entrants (the same share, rounded the same way, as the node it leads to
 * when that node has no other way in), thickened by that share and coloured by what the edge
 * means for the goal: goal-ward green, a drop red, onward neutral.
 */
function JourneyEdgeView(props: EdgeProps) {
  const { id, source, sourceHandleId, markerEnd, style, interactionWidth } = props;
  countRender('edges', id);
  const { t } = useTranslation();
  const fmt = useFormat();
  const handle = sourceHandleId || DEFAULT_HANDLE;
  const on = useEditor((s) => s.stats !== null);
  const counts = useEditor((s) => s.stats?.nodes[source]);
  const base = useEditor((s) => s.statsBase);
  const meaning = useEditor((s) => {
    const node = (id: string) => s.nodes.find((n) => n.id === id)?.data;
    return edgeMeaning(s.meta.goal, node(source), handle, node(props.target));
  });
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
  });

  if (!on) return <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;

  const taken = counts?.byHandle[handle] ?? 0;
  const share = base > 0 ? Math.min(1, taken / base) : null;
  const color = MEANING_COLOR[meaning];
  const pct = share === null ? null : percent(share);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={interactionWidth}
        style={{ ...style, stroke: color, strokeWidth: shareWidth(share) }}
      />
      <EdgeLabelRenderer>
        <div
          className="je-stat nodrag nopan"
          data-testid={`edge-stat-${source}-${handle}`}
          data-count={taken}
          data-share={pct ?? ''}
          data-meaning={meaning}
          title={t('overlay.edgeHint', { count: taken, share: pct ?? 0, node: source, handle }) + ' · ' + t(`overlay.meaning.${meaning}`)}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, color, borderColor: color }}
        >
          {fmt.count(taken)} · {pct === null ? '–' : `${pct}%`}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const JourneyEdge = memo(JourneyEdgeView);
