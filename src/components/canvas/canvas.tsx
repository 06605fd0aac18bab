'use client';

import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type Edge, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_HANDLE } from '@/journey';
import { useEditor, type FlowNode } from '@/stores/editor';
import { edgeKey } from '@/stores/editor-history';
import { MIN_ZOOM, fitViewOptions } from './edit-tools';
import { edgeNear } from './edge-drop';
import { JourneyEdge } from './journey-edge';
import { JourneyNode } from './journey-node';
import { DRAG_MIME } from './palette';

// Defined once at module level: a new object per render would remount every node.
const nodeTypes: NodeTypes = { journey: JourneyNode };
const edgeTypes: EdgeTypes = { journey: JourneyEdge };
const defaultEdgeOptions = { type: 'journey' };
const deleteKeys = ['Backspace', 'Delete'];
const GRID: [number, number] = [20, 20];
const NODE_HALF_WIDTH = 120;
const NODE_GRAB_Y = 20;
/** From this size the canvas renders only the nodes on screen. */
const LARGE_JOURNEY = 100;
const NODE_BOX = { width: 240, height: 110 };

const miniMapColor = (n: FlowNode) => (useEditor.getState().nodeErrors[n.id] ? '#dc2626' : useEditor.getState().trace?.order[n.id] ? '#16a34a' : '#94a3b8');

/** Fits the view once per opened journey that has nodes, as soon as React Flow has measured them. */
function useFitOnLoad() {
  const loadSeq = useEditor((s) => s.loadSeq);
  const initialized = useNodesInitialized();
  const { fitView, fitBounds } = useReactFlow();
  const pending = useRef<number | null>(null);
  useEffect(() => {
    // A fresh, empty canvas is not fitted: that would zoom onto its first drop.
    pending.current = useEditor.getState().nodes.length > 0 ? loadSeq : null;
  }, [loadSeq]);
  useEffect(() => {
    if (pending.current === null) return;
    // A large journey renders only what is on screen (onlyRenderVisibleElements), so nodes off screen are never
    // measured and "initialized" never comes: fit it at once from positions alone; everything fitted then renders.
    const large = useEditor.getState().nodes.length > LARGE_JOURNEY;
    if (!initialized && !large) return;
    pending.current = null;
    requestAnimationFrame(() => {
      if (!large) return void fitView(fitViewOptions);
      // fitView skips unmeasured nodes: fit the box the positions span (at the default node size) instead.
      const { nodes } = useEditor.getState();
      const xs = nodes.map((n) => n.position.x);
      const ys = nodes.map((n) => n.position.y);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      void fitBounds({ x, y, width: Math.max(...xs) - x + NODE_BOX.width, height: Math.max(...ys) - y + NODE_BOX.height }, { padding: fitViewOptions.padding });
    });
  }, [initialized, loadSeq, fitView, fitBounds]);
}

export function Canvas() {
  const { t } = useTranslation();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const snap = useEditor((s) => s.snap);
  const trace = useEditor((s) => s.trace);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const onConnect = useEditor((s) => s.onConnect);
  const addNode = useEditor((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  // The edge a palette node is dragged over: dropping it there splices the node in.
  const [dropEdge, setDropEdge] = useState<string | null>(null);
  useFitOnLoad();

  // The test run's path: the edges the member took are drawn highlighted.
  const shownEdges = useMemo<Edge[]>(() => {
    if (!trace && !dropEdge) return edges;
    const taken = new Set(trace?.edges);
    return edges.map((e) => {
      if (e.id === dropEdge) return { ...e, className: 'je-drop-target' };
      return taken.has(edgeKey(e.source, e.sourceHandle || DEFAULT_HANDLE, e.target)) ? { ...e, className: 'je-visited', animated: true } : e;
    });
  }, [edges, trace, dropEdge]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setDropEdge(edgeNear(wrapper.current, e.clientX, e.clientY));
  }, []);

  const onDragLeave = useCallback((e: DragEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropEdge(null);
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(DRAG_MIME);
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const onEdge = edgeNear(wrapper.current, e.clientX, e.clientY) ?? undefined;
      setDropEdge(null);
      // The node appears under the pointer, as if held by its header.
      addNode(kind, { x: Math.round(p.x - NODE_HALF_WIDTH), y: Math.round(p.y - NODE_GRAB_Y) }, onEdge);
    },
    [addNode, screenToFlowPosition],
  );

  return (
    <div ref={wrapper} className="canvas" data-testid="canvas" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={deleteKeys}
        fitViewOptions={fitViewOptions}
        snapToGrid={snap}
        snapGrid={GRID}
        defaultEdgeOptions={defaultEdgeOptions}
        connectionRadius={24}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > LARGE_JOURNEY}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={GRID} />
        <Controls position="bottom-left" />
        <MiniMap<FlowNode> position="bottom-right" pannable zoomable nodeColor={miniMapColor} />
      </ReactFlow>
      {nodes.length === 0 && <div className="canvas-empty">{t('editor.dropHint')}</div>}
    </div>
  );
}
