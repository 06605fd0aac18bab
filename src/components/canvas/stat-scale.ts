/** Colour scale of the analytics overlay: a share of 1 is green, ½ amber, 0 red. */

const NO_DATA = '#94a3b8';

function hue(share: number): number {
  return Math.round(Math.max(0, Math.min(1, share)) * 130);
}

/** Stroke and text colour for a share in [0, 1]; grey when there is nothing to measure. */
export function shareColor(share: number | null): string {
  return share === null ? NO_DATA : `hsl(${hue(share)}, 72%, 38%)`;
}

/** A light background tint of the same scale, for node headers. */
export function shareTint(share: number | null): string | undefined {
  return share === null ? undefined : `hsl(${hue(share)}, 80%, 92%)`;
}

/** Thicker edges carry a larger share of their node's exits. */
export function shareWidth(share: number | null): number {
  return share === null ? 1.5 : 1.5 + 4 * Math.max(0, Math.min(1, share));
}

/** The one rounding rule of the canvas: whole percents, half up, for nodes and edges alike. */
export const percent = (share: number) => Math.round(share * 100);

/** Edge colours by what the edge means for the goal (see `edgeMeaning`), never by how many took it. */
export const MEANING_COLOR = { goal: 'hsl(130, 72%, 32%)', drop: 'hsl(0, 72%, 45%)', onward: '#475569' } as const;
