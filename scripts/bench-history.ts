// Figure (j) of `npm run bench`: ingest cost against a member's finished history. Every event looks up the member's
// enrolments that can still react; finished ones whose goal can no longer be reached (or whose journey has no goal)
// must not be read at all, so 10,000 events cost the same with 0 or 100 finished enrolments per member.
import path from 'node:path';
import { openDb, type Db } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import type { JourneyDocument } from '@/journey';
import { goalDeadline } from '@/journey/goal';
import { VirtualClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';

const T0 = Date.parse('2026-11-02T12:00:00+08:00');
const DAY = 86_400_000;
const MEMBERS = 1000;
const EVENTS = 10_000;
const FINISHED = 100;

/** Trigger, wait, end: with a 7-day goal (`goal`) or without one. */
function journey(id: string, goal: boolean): JourneyDocument {
  return {
    format: 'journey/v1',
    id,
    name: id,
    entry: { reentry: 'always' },
    ...(goal ? { goal: { event: 'order_paid', within: 'P7D' } } : {}),
    nodes: [
      { id: 't', kind: 'trigger.event', config: { event: 'member_joined' } },
      { id: 'w', kind: 'wait.duration', config: { duration: 'P1D' } },
      { id: 'x', kind: 'end' },
    ],
    edges: [
      { source: 't', target: 'w' },
      { source: 'w', target: 'x' },
    ],
  } as JourneyDocument;
}

/** A database with members and, per member, `finished` enrolments completed weeks ago (half in a journey with a goal). */
function historyDb(file: string, finished: number): Db {
  const db = openDb(file);
  const member = db.$client.prepare(`insert into members (id, name, tier, points, tz, consent, attributes, created_at) values (?, ?, 'silver', 0, 'Asia/Shanghai', '{}', '{}', ?)`);
  const versions = [true, false].map((goal) => {
    const doc = journey(goal ? 'with_goal' : 'no_goal', goal);
    const id = createJourney(db, { name: doc.name, document: doc, preferredId: doc.id, now: T0 });
    const published = publishJourney(db, id, T0);
    if (!published.ok) throw new Error('publish failed');
    return { journeyId: id, versionId: published.version.id, doc };
  });
  const enrol = db.$client.prepare(
    `insert into enrolments (journey_id, version_id, member_id, entry_no, status, node_id, snapshot, entered_at, updated_at, node_entered_at, goal_until)
     values (?, ?, ?, ?, 'completed', 'x', ?, ?, ?, ?, ?)`,
  );
  db.$client.transaction(() => {
    for (let m = 0; m < MEMBERS; m++) {
      member.run(`h${m}`, `Member ${m}`, T0);
      for (let k = 0; k < finished; k++) {
        const v = versions[k % 2];
        const at = T0 - 60 * DAY + k * 3600_000;
        const snapshot = JSON.stringify({ status: 'done', value: 'x', context: { journeyId: v.journeyId, memberId: `h${m}`, enteredAt: at, wakeAt: null, visits: { t: 1, w: 1, x: 1 }, variants: {} } });
        enrol.run(v.journeyId, v.versionId, `h${m}`, k + 1, snapshot, at, at + DAY, at + DAY, goalDeadline(v.doc, at));
      }
    }
  })();
  return db;
}

function ingestRate(db: Db): number {
  const runtime = new JourneyRuntime(db, new VirtualClock(T0));
  const start = performance.now();
  for (let i = 0; i < EVENTS; i += 1000) {
    runtime.ingest(Array.from({ length: 1000 }, (_, k) => ({ memberId: `h${(i + k) % MEMBERS}`, type: 'page_view', properties: { page: '/home' } })));
  }
  return EVENTS / ((performance.now() - start) / 1000);
}

/** The (j) line: events/s with no history and with 100 finished enrolments per member, and their ratio. */
export function runHistoryFigure(dir: string): string {
  const dbs = [0, FINISHED].map((finished) => historyDb(path.join(dir, `history-${finished}.db`), finished));
  // This machine is shared and noisy: the two cases take turns, and each keeps its best of three rounds.
  const rates = [0, 0];
  for (let round = 0; round < 3; round++) dbs.forEach((db, i) => (rates[i] = Math.max(rates[i], ingestRate(db))));
  for (const db of dbs) db.$client.close();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  return `(j) history:       ${fmt(rates[0])} events/s with 0 finished enrolments per member, ${fmt(rates[1])} with ${FINISHED}   ratio = ${(rates[0] / rates[1]).toFixed(2)}  (target ≤ 1.2; ${fmt(EVENTS)} page views, ${fmt(MEMBERS)} members, best of 3)`;
}
