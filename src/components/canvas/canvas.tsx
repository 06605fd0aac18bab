'use client';

import '@xyflow/react/dist/style.css';
import { useCallback, useState, type DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type NodeTypes } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useEditor, type FlowNode } from '@/stores/editor';
import { JourneyNode } from './journey-node';
import { DRAG_MIME } from './palette';

// Defined once at module level: a new object per render would remount every node.
const nodeTypes: NodeTypes = { journey: JourneyNode };
const deleteKeys = ['Backspace', 'Delete'];
const fitViewOptions = { padding: 0.2, maxZoom: 1 };
const NODE_HALF_WIDTH = 90;
const NODE_GRAB_Y = 20;

const miniMapColor = (n: FlowNode) => (useEditor.getState().nodeErrors[n.id] ? '#dc2626' : '#94a3b8');

export function Canvas() {
  const { t } = useTranslation();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const onConnect = useEditor((s) => s.onConnect);
  const addNode = useEditor((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  // Fit only a journey that opens with nodes; fitting a fresh canvas would zoom onto its first drop.
  const [fitOnOpen] = useState(() => useEditor.getState().nodes.length > 0);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(DRAG_MIME);
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // The node appears under the pointer, as if held by its header.
      addNode(kind, { x: Math.round(p.x - NODE_HALF_WIDTH), y: Math.round(p.y - NODE_GRAB_Y) });
    },
    [addNode, screenToFlowPosition],
  );

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={deleteKeys}
        fitView={fitOnOpen}
        fitViewOptions={fitViewOptions}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        connectionRadius={24}
        minZoom={0.2}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 100}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls position="bottom-left" />
        <MiniMap<FlowNode> position="bottom-right" pannable zoomable nodeColor={miniMapColor} />
      </ReactFlow>
      {nodes.length === 0 && <div className="canvas-empty">{t('editor.dropHint')}</div>}
    </div>
  );
}
