import { z } from 'zod';
import { journeyStats } from '@/analytics/node-stats';
import { openDb, type Db } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import { effectsInOrder, insertSimulatedMember } from '@/db/simulation';
import { JourneyInvalidError, journeyDocumentSchema, validateJourney } from '@/journey';
import { VirtualClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';
import { incomingEventSchema, type IncomingEvent } from '@/runtime/event-input';

/** One simulated member: known profile fields, anything else becomes a custom attribute. */
export const simMemberSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    tier: z.string().optional(),
    points: z.number().int().optional(),
    tz: z.string().optional(),
    city: z.string().optional(),
    birthday: z.string().optional(),
    tags: z.array(z.string()).optional(),
    consent: z.record(z.string(), z.boolean()).optional(),
  })
  .passthrough();
export type SimMember = z.infer<typeof simMemberSchema>;

export interface SimulationResult {
  nodes: Record<string, { entered: number; exited: number; waiting: number; byHandle: Record<string, number> }>;
  goal: { entered: number; reached: number };
  variants: Record<string, Record<string, { assigned: number; reached: number }>>;
  effects: { memberId: string; nodeId: string; type: string; channel?: string; at: string }[];
}

const YEAR = 365 * 24 * 3600 * 1000;
const known = new Set(['id', 'name', 'tier', 'points', 'tz', 'city', 'birthday', 'tags', 'consent']);

function insertMembers(db: Db, list: SimMember[], now: number): void {
  db.transaction(() => {
    for (const m of list) {
      const attributes = Object.fromEntries(Object.entries(m).filter(([k]) => !known.has(k)));
      insertSimulatedMember(
        db,
        {
          id: m.id,
          name: m.name ?? m.id,
          tier: m.tier ?? 'bronze',
          points: m.points ?? 0,
          tz: m.tz ?? 'Asia/Shanghai',
          city: m.city ?? null,
          birthday: m.birthday ?? null,
          consent: m.consent ?? {},
          attributes,
          createdAt: now,
        },
        m.tags ?? [],
      );
    }
  });
}

/**
 * Runs a journey document through the real engine on a virtual clock against
 * an in-memory SQLite store. Nothing leaves the process.
 */
export function simulateJourney(input: { document: unknown; members: SimMember[]; events: IncomingEvent[]; until?: number; start?: number }): SimulationResult {
  const problems = validateJourney(input.document);
  if (problems.length) throw new JourneyInvalidError(problems);
  const doc = journeyDocumentSchema.parse(input.document);
  const events = input.events.map((e) => incomingEventSchema.parse(e));
  const times = events.filter((e) => e.occurredAt).map((e) => Date.parse(e.occurredAt!));
  // Without events, simulated time starts now (or at --start) and runs scheduled triggers up to --until.
  const start = input.start ?? (times.length ? Math.min(...times) : Date.now());
  const clock = new VirtualClock(start);
  const db = openDb(':memory:');
  try {
    insertMembers(db, input.members, start);
    const journeyId = createJourney(db, { name: doc.name, document: doc, preferredId: doc.id, now: start });
    const published = publishJourney(db, journeyId, start);
    if (!published.ok) throw new JourneyInvalidError(published.problems);

    const runtime = new JourneyRuntime(db, clock);
    const setTime = (t: number) => clock.set(t);
    const ordered = events
      .map((e, i) => ({ e, t: e.occurredAt ? Date.parse(e.occurredAt) : start, i }))
      .sort((a, b) => a.t - b.t || a.i - b.i);
    for (const { e, t } of ordered) {
      runtime.runUntil(t, setTime);
      runtime.ingest([e]);
    }
    const last = ordered.length ? ordered[ordered.length - 1].t : start;
    runtime.runUntil(input.until ?? last + YEAR, setTime);

    const stats = journeyStats(db, journeyId);
    const nodes: SimulationResult['nodes'] = {};
    for (const n of doc.nodes) nodes[n.id] = stats.nodes[n.id] ?? { entered: 0, exited: 0, waiting: 0, byHandle: {} };
    const effects = effectsInOrder(db).map((e) => ({ memberId: e.memberId, nodeId: e.nodeId, type: e.type, ...(e.channel ? { channel: e.channel } : {}), at: new Date(e.at).toISOString() }));
    return { nodes, goal: { entered: stats.totals.enrolled, reached: stats.totals.goalReached }, variants: stats.variants, effects };
  } finally {
    db.$client.close();
  }
}
