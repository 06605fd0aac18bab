import { z } from 'zod';
import { assignmentBucket } from './hash';
import type { CompileContext, TransitionJson } from './nodes/types';

/** A path of an A/B test or splitter; with a `poolId` it is capped by that coupon pool's stock. */
export interface CappedPath {
  key: string;
  weight: number;
  poolId?: string;
}

/** Cumulative bucket ranges over [0, 10 000) in proportion to the weights (the rule A/B tests and splitters share). */
export function weightRanges(paths: readonly { key: string; weight: number }[]): { key: string; from: number; to: number }[] {
  const total = paths.reduce((s, p) => s + p.weight, 0);
  let acc = 0;
  return paths.map((p, i) => {
    const from = Math.round((acc / total) * 10_000);
    acc += p.weight;
    const to = i === paths.length - 1 ? 10_000 : Math.round((acc / total) * 10_000);
    return { key: p.key, from, to };
  });
}

const inRange = (ranges: { key: string; from: number; to: number }[], b: number) => ranges.find((r) => b >= r.from && b < r.to)?.key ?? ranges[ranges.length - 1].key;

/** The path a member's hash bucket gives them, whatever the stock: the variant they are *assigned* at a capped A/B test. */
export function usualPath(paths: readonly CappedPath[], salt: string, ids: { journeyId: string; memberId: string }): string {
  return inRange(weightRanges(paths), assignmentBucket(ids.journeyId, salt, ids.memberId));
}

/**
 * The path a member takes when some paths are capped by coupon pools:
 * - the member's usual path (the same hash bucket as without caps) when it is open: uncapped, or its pool has stock;
 * - when that pool is out of stock (or expired), one of the open paths, spread in proportion to their weights by a
 *   second deterministic hash (`<salt>:overflow`), so members of open paths never move because another one filled;
 * - when every path is capped and out, the usual path: there is nowhere else to go (its reward is then skipped
 *   with `pool_exhausted`).
 * `stock` is the pool's stock as the runtime reads it at decision time; without it (previews, the simulator) every
 * path counts as open.
 */
export function pickCappedPath(
  paths: readonly CappedPath[],
  salt: string,
  ids: { journeyId: string; memberId: string },
  stock?: (poolId: string) => number,
): string {
  const usual = usualPath(paths, salt, ids);
  if (!stock) return usual;
  const isOpen = (p: CappedPath) => !p.poolId || stock(p.poolId) > 0;
  if (isOpen(paths.find((p) => p.key === usual)!)) return usual;
  const open = paths.filter(isOpen);
  if (open.length === 0) return usual;
  return inRange(weightRanges(open), assignmentBucket(ids.journeyId, `${salt}:overflow`, ids.memberId));
}

export const poolCapMessage = { en: 'Pick a coupon pool', zh: '请选择券池' };
/** A path's optional cap (or a reward's pool): the id of the coupon pool whose stock it may not outrun. */
export const poolCap = z.string().trim().min(1, poolCapMessage.en).max(64).optional();

/**
 * The transitions of a split with capped paths: one per path, each taken when `pickCappedPath` picks it.
 * A/B tests also record the variant the member took (`setVariant`); its `paths` and `salt` let it record the variant
 * they were assigned too, which differs when a pool ran out and moved them (the experiment report needs both).
 */
export function cappedTransitions(paths: readonly CappedPath[], salt: string, ctx: CompileContext, recordVariant: boolean): TransitionJson[] {
  const spec = paths.map((p) => ({ key: p.key, weight: p.weight, ...(p.poolId ? { poolId: p.poolId } : {}) }));
  return paths.map((p) =>
    ctx.leave(p.key, {
      guard: { type: 'cappedPath', params: { paths: spec, salt, key: p.key } },
      ...(recordVariant ? { actions: [{ type: 'setVariant', params: { nodeId: ctx.node.id, key: p.key, paths: spec, salt } }] } : {}),
    }),
  );
}
