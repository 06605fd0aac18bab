import type { Db } from '@/db/client';
import { pathFunnelRow } from '@/db/path-funnel';
import { hourWindow, type DateRange } from './date-range';

/** Longest path the report accepts: each step is one more join over the step log. */
export const MAX_PATH_STEPS = 20;

/** Members of a step who did not go on to the next one, by what became of them. */
export interface StepOutcome {
  converted: number;
  waiting: number;
  left: number;
}

export const outcomeOf = (json: string | null): StepOutcome => {
  const [converted, waiting, left] = json ? (JSON.parse(json) as number[]) : [0, 0, 0];
  return { converted, waiting, left };
};

/** Entries along `path` in order (one count per step), and for each step after the first, what became of the previous step's members who did not come. */
export function pathFunnel(db: Db, journeyId: string, path: string[], range?: DateRange): { counts: number[]; outcomes: StepOutcome[] } {
  if (!path.length) return { counts: [], outcomes: [] };
  if (path.length > MAX_PATH_STEPS) throw new RangeError(`A path has at most ${MAX_PATH_STEPS} steps`);
  const w = hourWindow(range);
  const row = pathFunnelRow(db, journeyId, path, w.fromMs, w.toMs);
  return { counts: path.map((_, k) => row[`c${k}`]), outcomes: path.map((_, k) => outcomeOf(k === 0 ? null : row[`o${k}`])) };
}

/** Entries along `path` in order, all inside the range: one count per step. */
export function pathCounts(db: Db, journeyId: string, path: string[], range?: DateRange): number[] {
  return pathFunnel(db, journeyId, path, range).counts;
}
