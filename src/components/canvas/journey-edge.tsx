'use client';

import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_HANDLE } from '@/journey';
import { useFormat } from '@/i18n/provider';
import { useEditor } from '@/stores/editor';
import { percent, shareColor, shareWidth } from './stat-scale';
import { countRender } from './render-debug';

/**
 * A smooth-step edge. With analytics on it is labelled with the members who took it and their
 * share of the source node's exits, and coloured and thickened by that share.
 */
function JourneyEdgeView(props: EdgeProps) {
  const { id, source, sourceHandleId, markerEnd, style, interactionWidth } = props;
  countRender('edges', id);
  const { t } = useTranslation();
  const fmt = useFormat();
  const handle = sourceHandleId || DEFAULT_HANDLE;
  const on = useEditor((s) => s.stats !== null);
  const counts = useEditor((s) => s.stats?.nodes[source]);
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
  const exits = counts?.exited ?? 0;
  const share = exits > 0 ? taken / exits : null;
  const color = shareColor(share);
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
          title={t('overlay.edgeHint', { count: taken, share: pct ?? 0, node: source, handle })}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, color, borderColor: color }}
        >
          {fmt.count(taken)} · {pct === null ? '–' : `${pct}%`}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const JourneyEdge = memo(JourneyEdgeView);
