import { describe, expect, it } from 'vitest';
import { exampleJourneys as examples } from '@/journey/examples';
import { toFlow } from '@/stores/editor-doc';
import { ANALYTICS_RESERVE, LAYER_GAP, NODE_GAP, layoutJourney } from './layout';

const GRID_SLACK = 20;

/** Sizes as the canvas measures them with analytics off; the overlay later adds up to ANALYTICS_RESERVE. */
function measured(doc: (typeof examples)[number]) {
  const { nodes, edges } = toFlow(doc);
  return { nodes: nodes.map((n) => ({ ...n, measured: { width: 240, height: n.data.kind === 'split.ab' ? 96 : 80 } })), edges };
}

describe('auto-layout', () => {
  for (const ex of examples) {
    it(`${ex.id}: no two nodes overlap and every child sits below its parent's handles`, async () => {
      const { nodes, edges } = measured(ex);
      const pos = await layoutJourney(nodes, edges, ANALYTICS_RESERVE);
      // Checked at the nodes' size once analytics is turned on after the layout.
      const box = (id: string) => {
        const n = nodes.find((x) => x.id === id)!;
        return { x: pos[id].x, y: pos[id].y, w: n.measured!.width, h: n.measured!.height + ANALYTICS_RESERVE };
      };
      const ids = nodes.map((n) => n.id);
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = box(ids[i]);
          const b = box(ids[j]);
          const apartX = a.x + a.w + NODE_GAP - GRID_SLACK <= b.x || b.x + b.w + NODE_GAP - GRID_SLACK <= a.x;
          const apartY = a.y + a.h + NODE_GAP - GRID_SLACK <= b.y || b.y + b.h + NODE_GAP - GRID_SLACK <= a.y;
          expect(apartX || apartY, `${ids[i]} and ${ids[j]} overlap`).toBe(true);
        }
      }
      // Forward edges leave room under the parent for its handle labels and the edge's count label.
      for (const e of edges) {
        const s = box(e.source);
        const t = box(e.target);
        if (t.y > s.y) expect(t.y - (s.y + s.h), `${e.source} → ${e.target}`).toBeGreaterThanOrEqual(LAYER_GAP - GRID_SLACK);
      }
    });
  }

  it('keeps the A/B variants in their handle order, left to right', async () => {
    const winback = examples.find((e) => e.id === 'dormant-winback')!;
    const { nodes, edges } = measured(winback);
    const pos = await layoutJourney(nodes, edges);
    expect(pos.give_points.x).toBeLessThan(pos.give_coupon.x);
    expect(pos.give_coupon.x).toBeLessThan(pos.end_control.x);
  });
});
