import { DateTime } from 'luxon';
import type { Db } from '@/db/client';
import { BREAKDOWN_COLUMNS, entriesByMemberColumn, entriesPerBucket, waitDurations } from '@/db/journey-report';
import { edgeHandle, getNodeKind, type JourneyDocument } from '@/journey';
import { hourWindow, type DateRange } from './date-range';
import { journeyStats, type JourneyStats } from './node-stats';
import { pathFunnel, type StepOutcome } from './path-funnel';
import { mainPathOutcomes } from './funnel-outcomes';

export interface FunnelStep {
  nodeId: string;
  entered: number;
  /** Share of the first step that reached this one. */
  fromStart: number;
  /** Share of the previous step that reached this one (continued). */
  fromPrevious: number;
  /** Members of the previous step who did not come here and reached the goal: converted, not lost. */
  converted: number;
  /** … who did not come here and are still in the journey (they may yet convert). */
  waiting: number;
  /** … who did not come here and left without converting: the only drop-off. */
  dropOff: number;
}

/**
 * The main path: from the trigger, follow the busiest handle at each node
 * (the path most members took), stopping at an end or a loop.
 */
export function mainPath(doc: JourneyDocument, stats: Pick<JourneyStats, 'nodes'>): string[] {
  const trigger = doc.nodes.find((n) => getNodeKind(n.kind)?.category === 'trigger');
  if (!trigger) return [];
  const path = [trigger.id];
  for (let current = trigger.id; ; ) {
    const out = doc.edges.filter((e) => e.source === current);
    if (!out.length) break;
    const byHandle = stats.nodes[current]?.byHandle ?? {};
    const next = [...out].sort((a, b) => (byHandle[edgeHandle(b)] ?? 0) - (byHandle[edgeHandle(a)] ?? 0))[0].target;
    if (path.includes(next)) break;
    path.push(next);
    current = next;
  }
  return path;
}

/**
 * Funnel along a path. Arrivals are counted on the edge from the previous
 * step (its handle's exits), so a node fed by several branches does not show
 * more members than came from the step before it.
 */
export function funnel(stats: Pick<JourneyStats, 'nodes'>, path: string[], doc?: JourneyDocument, outcomes: StepOutcome[] = []): FunnelStep[] {
  const first = stats.nodes[path[0]]?.entered ?? 0;
  return path.map((nodeId, i) => {
    const entered = stats.nodes[nodeId]?.entered ?? 0;
    if (i === 0) return { nodeId, entered, fromStart: first ? 1 : 0, fromPrevious: first ? 1 : 0, converted: 0, waiting: 0, dropOff: 0 };
    const prevId = path[i - 1];
    const previous = stats.nodes[prevId]?.entered ?? 0;
    const edges = doc?.edges.filter((e) => e.source === prevId && e.target === nodeId) ?? [];
    const arrived = edges.length
      ? edges.reduce((sum, e) => sum + (stats.nodes[prevId]?.byHandle[edgeHandle(e)] ?? 0), 0)
      : Math.min(entered, previous);
    return funnelStep(nodeId, entered, arrived, previous, first, outcomes[i]);
  });
}

/**
 * A funnel step: shares are of the members who arrived from the previous step. The previous step's members who
 * did not arrive are split by outcome; without outcomes (stats alone) they all count as left.
 */
function funnelStep(nodeId: string, entered: number, arrived: number, previous: number, first: number, outcome?: StepOutcome): FunnelStep {
  const shares = { nodeId, entered, fromStart: first ? arrived / first : 0, fromPrevious: previous ? arrived / previous : 0 };
  if (!outcome) return { ...shares, converted: 0, waiting: 0, dropOff: previous - arrived };
  return { ...shares, converted: outcome.converted, waiting: outcome.waiting, dropOff: outcome.left };
}

/**
 * Funnel along a path the analyst chose (any nodes, in order): step k counts
 * the enrolments that entered every node up to k in that order, from the step
 * log, so skipping nodes or following a branch is measured exactly.
 */
export function customFunnel(db: Db, journeyId: string, path: string[], range?: DateRange): FunnelStep[] {
  const { counts, outcomes } = pathFunnel(db, journeyId, path, range);
  const first = counts[0] ?? 0;
  return path.map((nodeId, i) => {
    const entered = counts[i];
    const previous = i === 0 ? entered : counts[i - 1];
    return funnelStep(nodeId, entered, entered, previous, first, outcomes[i]);
  });
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Time members spent in each wait node (entry to exit of the same visit) for waits begun in the range: median and p90, in ms. */
export function waitTimes(
  db: Db,
  journeyId: string,
  waitNodes: string[],
  range?: DateRange,
): Record<string, { count: number; medianMs: number | null; p90Ms: number | null }> {
  const w = hourWindow(range);
  const out: Record<string, { count: number; medianMs: number | null; p90Ms: number | null }> = {};
  for (const nodeId of waitNodes) {
    const d = waitDurations(db, journeyId, nodeId, w.fromMs, w.toMs);
    out[nodeId] = { count: d.length, medianMs: percentile(d, 0.5), p90Ms: percentile(d, 0.9) };
  }
  return out;
}

/** Every zone's offset from UTC is a whole number of quarter hours (India +5:30, Nepal +5:45): buckets this size never straddle a local midnight. */
const QUARTER_HOUR = 900_000;

/**
 * Entries (in the range) and goal conversions per day of entry, days as the
 * viewer's time zone has them (DST included). SQL counts per quarter hour;
 * the quarters are then folded into local days, with one time-zone lookup per
 * day rather than per row.
 */
export function conversionByDay(
  db: Db,
  journeyId: string,
  range?: DateRange,
  timeZone = 'Asia/Shanghai',
): { day: string; enrolled: number; reached: number; rate: number }[] {
  const w = hourWindow(range);
  const quarters = entriesPerBucket(db, journeyId, QUARTER_HOUR, w.fromMs, w.toMs);
  const days: { day: string; enrolled: number; reached: number }[] = [];
  let nextMidnight = -Infinity;
  for (const { q, enrolled, reached } of quarters) {
    const at = q * QUARTER_HOUR;
    if (at >= nextMidnight) {
      const local = DateTime.fromMillis(at, { zone: timeZone });
      days.push({ day: local.toISODate()!, enrolled: 0, reached: 0 });
      nextMidnight = local.startOf('day').plus({ days: 1 }).toMillis();
    }
    const today = days[days.length - 1];
    today.enrolled += enrolled;
    today.reached += Number(reached ?? 0);
  }
  return days.map((d) => ({ ...d, rate: d.enrolled ? d.reached / d.enrolled : 0 }));
}

export const breakdownAttributes = BREAKDOWN_COLUMNS;
export type BreakdownAttribute = (typeof breakdownAttributes)[number];

/** Goal conversion by a member attribute, for the enrolments that entered in the range. */
export function breakdown(db: Db, journeyId: string, attr: BreakdownAttribute, range?: DateRange): { value: string; enrolled: number; reached: number; rate: number }[] {
  const w = hourWindow(range);
  const rows = entriesByMemberColumn(db, journeyId, attr, w.fromMs, w.toMs);
  return rows.map((r) => ({ ...r, rate: r.enrolled ? r.reached / r.enrolled : 0 }));
}

export interface ReportOptions {
  /** A path chosen by the analyst; without one the funnel follows the main path. */
  path?: string[];
  attr?: BreakdownAttribute;
  range?: DateRange;
  /** The viewer's IANA time zone: conversion is bucketed into its days. */
  timeZone?: string;
}

/** Everything the journey report page shows, for a date range when one is given. */
export function journeyReport(db: Db, journeyId: string, doc: JourneyDocument, { path, attr = 'tier', range, timeZone }: ReportOptions = {}) {
  const stats = journeyStats(db, journeyId, undefined, range);
  const custom = !!path?.length;
  const chosen = custom ? path : mainPath(doc, stats);
  const waits = doc.nodes.filter((n) => getNodeKind(n.kind)?.isWait).map((n) => n.id);
  return {
    range: stats.range,
    totals: stats.totals,
    goalRate: stats.totals.enrolled ? stats.totals.goalReached / stats.totals.enrolled : 0,
    path: chosen,
    pathKind: custom ? ('custom' as const) : ('main' as const),
    funnel: custom ? customFunnel(db, journeyId, chosen, range) : funnel(stats, chosen, doc, mainPathOutcomes(db, journeyId, doc, chosen, range)),
    /** The measured version's graph, so the UI can offer paths that exist. */
    graph: { nodes: doc.nodes.map((n) => ({ id: n.id, kind: n.kind })), edges: doc.edges.map((e) => ({ source: e.source, target: e.target })) },
    waits: waitTimes(db, journeyId, waits, range),
    byDay: conversionByDay(db, journeyId, range, timeZone),
    breakdown: { attr, rows: breakdown(db, journeyId, attr, range) },
  };
}
