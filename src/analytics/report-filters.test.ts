import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { dateRangeSchema, hourWindow, type DateRange } from '@/analytics/date-range';
import { journeyStats } from '@/analytics/node-stats';
import { pathCounts } from '@/analytics/path-funnel';
import { journeyReport } from '@/analytics/report';
import { addMembers, DAY, HOUR, makeEngine, publish, T0 } from '@/test/fixtures';
import { graph, rows } from '@/test/journeys';

/** Checkout → A/B message → wait for an order (1 day) → done, or a reminder → done2. Both variants merge at the wait. */
const doc = graph(
  'filters',
  [
    { id: 't', kind: 'trigger.event', config: { event: 'checkout_started' } },
    { id: 'ab', kind: 'split.ab', config: { experiment: 'copy', variants: [{ key: 'A', weight: 50, control: true }, { key: 'B', weight: 50 }] } },
    { id: 'msgA', kind: 'action.message', config: { channel: 'sms', template: 'A' } },
    { id: 'msgB', kind: 'action.message', config: { channel: 'sms', template: 'B' } },
    { id: 'w', kind: 'wait.event', config: { event: 'order_paid', timeout: 'P1D' } },
    { id: 'remind', kind: 'action.message', config: { channel: 'sms', template: 'Still there?' } },
    { id: 'done', kind: 'end' },
    { id: 'done2', kind: 'end' },
  ],
  [['t', 'ab'], ['ab', 'msgA', 'A'], ['ab', 'msgB', 'B'], ['msgA', 'w'], ['msgB', 'w'], ['w', 'done', 'event'], ['w', 'remind', 'timeout'], ['remind', 'done2']],
  { goal: { event: 'order_paid', within: 'P7D', exitOnGoal: false }, policy: { quietHours: 'off' } },
);

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `x${String(from + i).padStart(2, '0')}`);
const WAVE2 = T0 + 10 * DAY;

/**
 * Two waves of the same population shape, ten days apart:
 * wave 1 (x00–x19) checks out at T0, five buy 2 h later, the rest time out after a day;
 * wave 2 (x20–x29) checks out at T0 + 10 d, three buy 3 h later, seven are still waiting at the end.
 */
function twoWaves() {
  const env = makeEngine();
  addMembers(env.db, ids(0, 30).map((id) => ({ id, consent: { sms: true } })));
  const { journeyId } = publish(env.db, doc);
  env.runtime.ingest(ids(0, 20).map((memberId) => ({ memberId, type: 'checkout_started' })));
  env.advanceTo(T0 + 2 * HOUR);
  env.runtime.ingest(ids(0, 5).map((memberId) => ({ memberId, type: 'order_paid' })));
  env.advanceTo(WAVE2);
  env.runtime.ingest(ids(20, 30).map((memberId) => ({ memberId, type: 'checkout_started' })));
  env.advanceTo(WAVE2 + 3 * HOUR);
  env.runtime.ingest(ids(20, 23).map((memberId) => ({ memberId, type: 'order_paid' })));
  env.advanceTo(WAVE2 + 12 * HOUR);
  return { db: env.db, journeyId };
}

/**
 * Moves per node straight from the step log (one row per node pass: entered at `at`, left at `left_at` by `handle`)
 * and the nodes members are at now (entered at `node_entered_at`), for a window already on whole hours.
 */
function movesFromLog(db: Db, journeyId: string, from: number, to: number) {
  const out: Record<string, { entered: number; exited: number; byHandle: Record<string, number> }> = {};
  for (const r of rows<{ node_id: string; kind: string; handle: string | null; n: number }>(
    db,
    `select node_id, 'enter' kind, null handle, count(*) n from (
        select node_id from step_log where journey_id = ? and kind = 'pass' and at >= ? and at < ?
        union all select node_id from enrolments where journey_id = ? and status = 'waiting' and node_entered_at >= ? and node_entered_at < ?) passes
      group by 1
     union all
     select node_id, 'exit', handle, count(*) from step_log
      where journey_id = ? and kind = 'pass' and handle is not null and left_at >= ? and left_at < ? group by 1, 2, 3`,
    ...[journeyId, from, to, journeyId, from, to, journeyId, from, to],
  )) {
    const node = (out[r.node_id] ??= { entered: 0, exited: 0, byHandle: {} });
    if (r.kind === 'enter') node.entered += r.n;
    else {
      node.exited += r.n;
      if (r.handle) node.byHandle[r.handle] = r.n;
    }
  }
  return out;
}

/**
 * The path funnel by definition, one enrolment at a time: walk its entries in
 * log order and advance along the path whenever the next node is entered
 * inside the window.
 */
function pathCountsFromLog(db: Db, journeyId: string, path: string[], range: DateRange = {}): number[] {
  // Entries in order: the passes of each enrolment (ids follow the order of entry), then the node it is at now.
  const entries = rows<{ enrolment_id: number; node_id: string; at: number }>(
    db,
    `select enrolment_id, node_id, at from (
        select enrolment_id, node_id, at, id o from step_log where journey_id = ? and kind = 'pass'
        union all select id, node_id, node_entered_at, 9e15 from enrolments where journey_id = ? and status in ('active', 'waiting')) entries
      order by enrolment_id, o`,
    journeyId,
    journeyId,
  );
  const reached = new Map<number, number>();
  for (const e of entries) {
    if (e.at < (range.from ?? -Infinity) || e.at >= (range.to ?? Infinity)) continue;
    const k = reached.get(e.enrolment_id) ?? 0;
    if (k < path.length && path[k] === e.node_id) reached.set(e.enrolment_id, k + 1);
  }
  return path.map((_, k) => [...reached.values()].filter((n) => n > k).length);
}

describe('date range', () => {
  const { db, journeyId } = twoWaves();

  it('counts only the moves made inside the range; totals count the enrolments that entered in it', () => {
    const wave1 = journeyStats(db, journeyId, undefined, { from: T0, to: T0 + 5 * DAY });
    expect(wave1.nodes.t.entered).toBe(20);
    expect(wave1.nodes.w.byHandle).toEqual({ event: 5, timeout: 15 });
    expect(wave1.nodes.remind.entered).toBe(15);
    expect(wave1.totals).toMatchObject({ enrolled: 20, goalReached: 5, inFlight: 0 });
    expect(wave1.variants.ab.A.assigned + wave1.variants.ab.B.assigned).toBe(20);

    const wave2 = journeyStats(db, journeyId, undefined, { from: WAVE2, to: WAVE2 + DAY });
    expect(wave2.nodes.t.entered).toBe(10);
    expect(wave2.nodes.w.byHandle).toEqual({ event: 3 });
    expect(wave2.nodes.remind).toBeUndefined();
    expect(wave2.totals).toMatchObject({ enrolled: 10, goalReached: 3, inFlight: 7 });

    // A window after wave 1 entered: its purchases and timeouts count, its entries do not.
    const later = journeyStats(db, journeyId, undefined, { from: T0 + HOUR, to: T0 + 2 * DAY });
    expect(later.nodes.t).toBeUndefined();
    expect(later.nodes.w).toMatchObject({ entered: 0, byHandle: { event: 5, timeout: 15 } });
    expect(later.totals.enrolled).toBe(0);

    const all = journeyStats(db, journeyId);
    expect(all.nodes.t.entered).toBe(30);
    expect(all.range).toEqual({ from: null, to: null });
  });

  it('"waiting" is the members at a node now, whatever the range', () => {
    for (const range of [undefined, { from: T0, to: T0 + DAY }, { from: WAVE2 }]) {
      expect(journeyStats(db, journeyId, undefined, range).nodes.w.waiting).toBe(7);
    }
  });

  it('agrees with the step log for any whole-hour window', () => {
    const windows: [number, number][] = [
      [T0, T0 + HOUR],
      [T0 + 2 * HOUR, T0 + 3 * HOUR],
      [T0 + DAY, WAVE2 + 4 * HOUR],
      [T0 - DAY, WAVE2 + DAY],
    ];
    for (const [from, to] of windows) {
      const stats = journeyStats(db, journeyId, undefined, { from, to });
      const fromLog = movesFromLog(db, journeyId, from, to);
      const shown = Object.fromEntries(
        Object.entries(stats.nodes)
          .filter(([, n]) => n.entered || n.exited)
          .map(([id, n]) => [id, { entered: n.entered, exited: n.exited, byHandle: n.byHandle }]),
      );
      expect(shown).toEqual(fromLog);
      const enrolled = rows<{ n: number }>(db, 'select count(*) n from enrolments where journey_id = ? and entered_at >= ? and entered_at < ?', journeyId, from, to)[0].n;
      expect(stats.totals.enrolled).toBe(enrolled);
    }
  });

  it('widens a window to whole hours (the buckets of node_counts) and says so', () => {
    // 30 min after the purchases at T0 + 2 h: the window starts at T0 + 2 h, so they count.
    const stats = journeyStats(db, journeyId, undefined, { from: T0 + 2.5 * HOUR, to: T0 + 2 * DAY - 1 });
    expect(stats.range).toEqual({ from: T0 + 2 * HOUR, to: T0 + 2 * DAY });
    expect(stats.nodes.w.byHandle.event).toBe(5);
    expect(hourWindow({ from: T0 + 1, to: T0 + 1 })).toMatchObject({ fromMs: T0, toMs: T0 + HOUR });
  });

  it('the report (funnel, waits, conversion by day, breakdown) uses the same window', () => {
    const r = journeyReport(db, journeyId, doc, { range: { from: WAVE2, to: WAVE2 + DAY } });
    expect(r.totals.enrolled).toBe(10);
    expect(r.funnel[0]).toMatchObject({ nodeId: 't', entered: 10 });
    expect(r.waits.w.count).toBe(3);
    expect(r.byDay).toEqual([{ day: '2026-11-12', enrolled: 10, reached: 3, rate: 0.3 }]);
    expect(r.breakdown.rows).toEqual([{ value: 'bronze', enrolled: 10, reached: 3, rate: 0.3 }]);
  });

  it('rejects a range whose end is before its start, naming the field; and bounds that are not instants', () => {
    const bad = dateRangeSchema.safeParse({ from: T0 + DAY, to: T0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    expect(dateRangeSchema.safeParse({ from: -1 }).error?.issues[0].path).toEqual(['from']);
    expect(dateRangeSchema.safeParse({ to: 1.5 }).error?.issues[0].path).toEqual(['to']);
    expect(dateRangeSchema.safeParse({ from: T0, to: T0 }).success).toBe(true);
    expect(dateRangeSchema.safeParse({ from: T0 }).success).toBe(true);
  });
});

describe('custom funnel path', () => {
  const { db, journeyId } = twoWaves();
  const paths = [
    ['t', 'w', 'done'],
    ['t', 'msgB', 'w', 'done'],
    ['t', 'ab', 'msgA', 'w', 'remind', 'done2'],
    ['w', 't'],
    ['done', 'remind'],
    ['msgA'],
  ];

  it('counts the enrolments that entered every node of the path in order, as the step log says', () => {
    expect(pathCounts(db, journeyId, ['t', 'w', 'done'])).toEqual([30, 30, 8]);
    expect(pathCounts(db, journeyId, ['w', 't'])).toEqual([30, 0]);
    for (const path of paths) expect(pathCounts(db, journeyId, path), path.join('→')).toEqual(pathCountsFromLog(db, journeyId, path));
  });

  it('inside a date range, every step of the path must fall in it', () => {
    const ranges: DateRange[] = [{ from: WAVE2, to: WAVE2 + DAY }, { from: T0, to: T0 + 12 * HOUR }, { from: T0 + HOUR }];
    for (const range of ranges)
      for (const path of paths) expect(pathCounts(db, journeyId, path, range), `${path.join('→')} ${JSON.stringify(range)}`).toEqual(pathCountsFromLog(db, journeyId, path, range));
    expect(pathCounts(db, journeyId, ['t', 'w', 'done'], { from: WAVE2, to: WAVE2 + DAY })).toEqual([10, 10, 3]);
    // Wave 1 entered before T0 + 1 h: its purchases alone do not make a path that starts at the trigger.
    expect(pathCounts(db, journeyId, ['t', 'w', 'done'], { from: T0 + HOUR, to: T0 + 2 * DAY })).toEqual([0, 0, 0]);
  });

  it('the report shows conversion per step along the chosen path; who did not continue is split into converted, waiting and drop-off', () => {
    const path = ['t', 'msgB', 'w', 'done'];
    const r = journeyReport(db, journeyId, doc, { path });
    const counts = pathCountsFromLog(db, journeyId, path);
    expect(r.pathKind).toBe('custom');
    expect(r.path).toEqual(path);
    expect(r.funnel.map((s) => s.entered)).toEqual(counts);
    expect(r.funnel[1]).toMatchObject({ fromPrevious: counts[1] / counts[0] });
    expect(r.funnel[3]).toMatchObject({ fromStart: counts[3] / counts[0], fromPrevious: counts[3] / counts[2] });
    for (let k = 1; k < path.length; k++) {
      const s = r.funnel[k];
      expect(s.converted + s.waiting + s.dropOff, path[k]).toBe(counts[k - 1] - counts[k]);
    }
    // Reaching `done` is paying: every member of w who did not get there has not paid, so none of them is "converted".
    expect(r.funnel[3].converted).toBe(0);
    expect(r.funnel[3].dropOff + r.funnel[3].waiting).toBe(counts[2] - counts[3]);
    expect(journeyReport(db, journeyId, doc).pathKind).toBe('main');
  });
});
