export interface SplitPath {
  key: string;
  weight: number;
  /** Capped by this coupon pool's stock. */
  poolId?: string;
}

/** The first free "p1", "p2", … so a new path never collides with an existing handle. */
export function nextPathKey(paths: readonly SplitPath[]): string {
  const taken = new Set(paths.map((p) => p.key));
  let n = 1;
  while (taken.has(`p${n}`)) n++;
  return `p${n}`;
}

/** Each path's share of members in whole percent; paths with an unusable weight get 0. */
export function pathShares(paths: readonly SplitPath[]): number[] {
  const usable = paths.map((p) => (Number.isFinite(p.weight) && p.weight > 0 ? p.weight : 0));
  const total = usable.reduce((s, w) => s + w, 0);
  return usable.map((w) => (total > 0 ? Math.round((w / total) * 100) : 0));
}
