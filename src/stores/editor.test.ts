import { describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { cloneFragment, currentDocument, traceOf, useEditor } from './editor';
import { redo, undo } from './editor-undo';

const tick = () => Promise.resolve();
const ids = () => useEditor.getState().nodes.map((n) => n.id);

describe('editor history', () => {
  it('undoes and redoes a deletion with its edges as one step', async () => {
    useEditor.getState().load('welcome', welcomeJourney);
    const before = currentDocument();
    // React Flow removes the edges and then the node in one go.
    useEditor.getState().onEdgesChange([{ type: 'remove', id: useEditor.getState().edges.find((e) => e.target === 'reminder')!.id }]);
    useEditor.getState().onNodesChange([{ type: 'remove', id: 'reminder' }]);
    await tick();
    expect(ids()).not.toContain('reminder');
    undo();
    expect(currentDocument()).toEqual(before);
    redo();
    expect(ids()).not.toContain('reminder');
    expect(useEditor.getState().edges).toHaveLength(4);
  });

  it('records a drag once, at its end, and coalesces typing into one step', async () => {
    useEditor.getState().load('welcome', welcomeJourney);
    const start = useEditor.getState().nodes.find((n) => n.id === 'done')!.position;
    for (let x = 1; x <= 5; x++) {
      useEditor.getState().onNodesChange([{ type: 'position', id: 'done', position: { x: start.x + x * 10, y: start.y }, dragging: true }]);
      await tick();
    }
    useEditor.getState().onNodesChange([{ type: 'position', id: 'done', position: { x: start.x + 50, y: start.y }, dragging: false }]);
    await tick();
    expect(useEditor.temporal.getState().pastStates).toHaveLength(1);
    for (const event of ['o', 'or', 'ord']) {
      useEditor.getState().updateConfig('trigger', { event });
      await tick();
    }
    expect(useEditor.temporal.getState().pastStates).toHaveLength(2);
    undo();
    expect(useEditor.getState().nodes.find((n) => n.id === 'trigger')!.data.config).toEqual({ event: 'member_joined' });
    undo();
    expect(useEditor.getState().nodes.find((n) => n.id === 'done')!.position).toEqual(start);
  });
});

describe('cloneFragment', () => {
  it('gives pasted nodes fresh ids and keeps the edges between them', () => {
    useEditor.getState().load('welcome', welcomeJourney);
    const { nodes, edges } = useEditor.getState();
    const picked = nodes.filter((n) => n.id === 'reminder' || n.id === 'end_reminded');
    const copy = cloneFragment(picked, edges, nodes, { x: 40, y: 40 });
    expect(copy.nodes.map((n) => n.id)).toEqual(['msg1', 'end1']);
    expect(copy.edges).toEqual([expect.objectContaining({ source: 'msg1', target: 'end1', sourceHandle: 'out' })]);
  });
});

describe('traceOf', () => {
  it('numbers visits and lists the edges taken', () => {
    const trace = traceOf([
      { at: 0, kind: 'enter', nodeId: 't', handle: null },
      { at: 0, kind: 'exit', nodeId: 't', handle: 'out' },
      { at: 0, kind: 'enter', nodeId: 'w', handle: null },
      { at: 5, kind: 'exit', nodeId: 'w', handle: 'timeout' },
      { at: 5, kind: 'enter', nodeId: 'x', handle: null },
    ]);
    expect(trace.order).toEqual({ t: [1], w: [2], x: [3] });
    expect(trace.edges).toEqual(['t|out|w', 'w|timeout|x']);
  });
});

describe('dropping a node on an edge', () => {
  it('splices it between the two nodes in one undo step', async () => {
    useEditor.getState().load('welcome', welcomeJourney);
    const before = currentDocument();
    const split = useEditor.getState().edges.find((e) => e.source === 'wait_order' && e.sourceHandle === 'timeout')!;
    const id = useEditor.getState().addNode('branch.attribute', { x: 0, y: 0 }, split.id);
    await tick();
    const edges = useEditor.getState().edges.map((e) => `${e.source}:${e.sourceHandle}>${e.target}`);
    expect(edges).not.toContain('wait_order:timeout>reminder');
    expect(edges).toEqual(expect.arrayContaining([`wait_order:timeout>${id}`, `${id}:yes>reminder`]));
    expect(useEditor.temporal.getState().pastStates).toHaveLength(1);
    undo();
    expect(currentDocument()).toEqual(before);
  });

  it('does not rewire for a node without an input or outputs', async () => {
    useEditor.getState().load('welcome', welcomeJourney);
    const before = useEditor.getState().edges;
    const edge = before[0].id;
    useEditor.getState().addNode('trigger.event', { x: 0, y: 0 }, edge);
    useEditor.getState().addNode('end', { x: 0, y: 0 }, edge);
    await tick();
    expect(useEditor.getState().edges).toBe(before);
  });
});
