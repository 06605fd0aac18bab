import { fakerZH_CN as faker } from '@faker-js/faker';
import { assignmentBucket } from '@/journey';
import { exampleJourneys } from '@/journey/examples';
import type { Db } from '@/db/client';
import { createJourney, publishJourney } from '@/db/journeys';
import { insertAudiences, memberCount } from '@/db/segments';
import { memberById, readSetting, wipeAllData, writeSetting } from '@/db/member-store';
import { ImportBatcher } from '@/members/import';
import { tierLadder } from '@/members/profiles';
import { upsertMembers } from './members';
import { VirtualClock } from './clock';
import { JourneyRuntime } from './engine';
import type { IncomingEvent } from './event-input';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const cities: [string, string][] = [
  ['上海', 'Asia/Shanghai'], ['北京', 'Asia/Shanghai'], ['广州', 'Asia/Shanghai'], ['深圳', 'Asia/Shanghai'],
  ['杭州', 'Asia/Shanghai'], ['成都', 'Asia/Shanghai'], ['武汉', 'Asia/Shanghai'], ['南京', 'Asia/Shanghai'],
  ['香港', 'Asia/Hong_Kong'], ['台北', 'Asia/Taipei'], ['新加坡', 'Asia/Singapore'], ['洛杉矶', 'America/Los_Angeles'],
];
const tiers = ['bronze', 'bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum'];
const channels = ['join_wechat', 'join_store', 'join_app', 'join_tmall'];

export const DEMO_MEMBER_COUNT = 1000;
/** Four weeks of replayed behaviour: enough for weekly runs, conversion over time and a real A/B difference. */
const HISTORY_DAYS = 28;

export function demoMemberId(i: number): string {
  return `m${String(i).padStart(4, '0')}`;
}

/** ~1,000 realistic member profiles, reproducible from a fixed seed, in the shape `POST /api/members` and the import take. */
export function demoProfiles(now: number, count = DEMO_MEMBER_COUNT): Record<string, unknown>[] {
  faker.seed(20261122);
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i <= count; i++) {
    const [city, tz] = faker.helpers.arrayElement(cities);
    const joined = faker.date.between({ from: now - 3 * 365 * DAY, to: now - 20 * DAY });
    const tier = faker.helpers.arrayElement(tiers);
    out.push({
      id: demoMemberId(i),
      name: faker.person.fullName(),
      // Unique by construction: a phone is an identity (one member each).
      phone: `1${faker.helpers.arrayElement(['3', '5', '7', '8', '9'])}${faker.string.numeric(5)}${String(i).padStart(4, '0')}`,
      email: `${faker.internet.username().toLowerCase().replace(/[^a-z0-9._-]/g, '')}.${i}@example.com`,
      gender: faker.helpers.arrayElement(['female', 'male']),
      birthday: faker.date.birthdate({ min: 18, max: 65, mode: 'age' }).toISOString().slice(0, 10),
      city,
      tier,
      points: faker.number.int({ min: 0, max: 20_000 }),
      growth: faker.number.int({ min: 0, max: 5_000 }),
      tz,
      joinedAt: joined.toISOString().slice(0, 10),
      joinChannel: faker.helpers.arrayElement(channels),
      store: `S${faker.number.int({ min: 1, max: 40 }).toString().padStart(3, '0')}`,
      associate: `A${faker.number.int({ min: 1, max: 120 }).toString().padStart(3, '0')}`,
      consent: { sms: faker.datatype.boolean(0.92), email: faker.datatype.boolean(0.7), app_push: faker.datatype.boolean(0.8), miniprogram: faker.datatype.boolean(0.5), wecom: true },
      attributes: { rfm: faker.helpers.arrayElement(['champion', 'loyal', 'at_risk', 'dormant', 'new']) },
      tags: tier === 'gold' || tier === 'platinum' ? ['vip'] : [],
    });
  }
  return out;
}

/** The demo members go in through the import's own path (validation, batches, upsert), so the demo proves it. */
export function insertDemoMembers(runtime: JourneyRuntime, now: number, count = DEMO_MEMBER_COUNT): void {
  const batcher = new ImportBatcher((profiles) => upsertMembers(runtime, profiles, { mode: 'skip-invalid', prefix: () => '' }), false);
  demoProfiles(now, count).forEach((p, i) => batcher.add(p, i + 1));
  batcher.flush();
  if (batcher.summary.rejected) throw new Error(`Demo members rejected: ${JSON.stringify(batcher.summary.errors.slice(0, 3))}`);
}

/** A few saved audiences, so the editor's segment and group pickers show what a real workspace has. */
export function insertDemoAudiences(db: Db, now: number): void {
  insertAudiences(db, {
    segments: [
      { id: 'dormant_90d', name: 'Dormant 90 days', condition: { not: { event: 'order_paid', within: 'P90D' } }, createdAt: now },
      { id: 'high_value', name: 'High value (gold, platinum or 10,000+ points)', condition: { any: [{ attr: 'tier', op: 'in', value: ['gold', 'platinum'] }, { attr: 'points', op: 'gte', value: 10_000 }] }, createdAt: now },
      { id: 'shanghai_members', name: 'Shanghai members', condition: { attr: 'city', op: 'eq', value: '上海' }, createdAt: now },
    ],
    // A static list a marketer uploaded for a store event (客群).
    groups: Array.from({ length: 40 }, (_, i) => ({ groupId: 'spring_preview_invitees', memberId: demoMemberId(i + 1), addedAt: now })),
  });
}

/**
 * Four weeks of behaviour replayed through the real engine on a virtual clock,
 * so the example journeys show meaningful counts on first start. Coupon
 * members in the cart test buy more often by construction.
 */
function demoEvents(now: number): (IncomingEvent & { at: number })[] {
  const start = now - HISTORY_DAYS * DAY;
  const out: (IncomingEvent & { at: number })[] = [];
  const at = (t: number) => ({ at: t, occurredAt: new Date(t).toISOString() });
  for (let i = 1; i <= 400; i++) {
    const memberId = demoMemberId(i);
    const t = start + faker.number.int({ min: 0, max: (HISTORY_DAYS - 1) * DAY });
    out.push({ memberId, type: 'member_joined', ...at(t) });
    if (faker.datatype.boolean(0.25)) out.push({ memberId, type: 'order_paid', properties: { amount: faker.number.int({ min: 59, max: 899 }) }, ...at(t + faker.number.int({ min: 2 * HOUR, max: 6 * DAY })) });
  }
  // Cart checkouts: some members come back more than once over the weeks (re-entry after exit).
  const checkouts = Array.from({ length: 1300 }, () => demoMemberId(faker.number.int({ min: 300, max: 1000 })));
  for (const memberId of checkouts) {
    const t = start + faker.number.int({ min: 0, max: (HISTORY_DAYS - 2) * DAY });
    out.push({ memberId, type: 'checkout_started', properties: { cartValue: faker.number.int({ min: 99, max: 1999 }) }, ...at(t) });
    const coupon = assignmentBucket('cart-abandonment', 'cart_coupon', memberId) < 5000;
    const r = faker.number.float();
    let paidAt: number | null = null;
    if (r < 0.2) paidAt = t + faker.number.int({ min: 5 * 60_000, max: 50 * 60_000 });
    else if (r < 0.3) paidAt = t + faker.number.int({ min: 2 * HOUR, max: 20 * HOUR });
    else if (faker.number.float() < (coupon ? 0.38 : 0.14)) paidAt = t + faker.number.int({ min: 26 * HOUR, max: 60 * HOUR });
    if (paidAt !== null) out.push({ memberId, type: 'order_paid', properties: { amount: faker.number.int({ min: 99, max: 1999 }) }, ...at(paidAt) });
  }
  // Some buyers come back for a second order (the second-purchase journey's goal).
  for (const e of out.filter((x) => x.type === 'order_paid')) {
    if (faker.datatype.boolean(0.3)) {
      out.push({ memberId: e.memberId, type: 'order_paid', properties: { amount: faker.number.int({ min: 59, max: 999 }) }, ...at(e.at + faker.number.int({ min: 2 * DAY, max: 9 * DAY })) });
    }
  }
  // Tier changes for the tier-upgrade care journey: real profile updates, which emit `tier_changed` themselves.
  for (let i = 901; i <= 960; i++) {
    out.push({ memberId: demoMemberId(i), type: TIER_MOVE, properties: { step: i % 6 === 0 ? -1 : 1 }, ...at(start + faker.number.int({ min: 0, max: (HISTORY_DAYS - 1) * DAY })) });
  }
  return out.filter((e) => e.at < now).sort((a, b) => a.at - b.at);
}

/** Not an event: a marker in the replayed history for "this member's tier moves one step on the ladder". */
const TIER_MOVE = 'demo.tier_move';

function moveTier(runtime: JourneyRuntime, memberId: string, step: number): void {
  const ladder = tierLadder(runtime.db);
  const tier = memberById(runtime.db, memberId)?.tier ?? ladder[0];
  const next = ladder[Math.min(ladder.length - 1, Math.max(0, ladder.indexOf(tier) + step))];
  if (next !== tier) upsertMembers(runtime, [{ id: memberId, tier: next }], { mode: 'all-or-nothing' });
}

/**
 * Seeds members, audiences, the example journeys and four weeks of history
 * into an empty database. A start killed halfway leaves the `demo_seed`
 * marker at `started`: the next start wipes the partial seed and seeds again.
 * `interrupt` is for tests: called between stages, it may throw to stop there.
 */
export function ensureDemoData(db: Db, now = Date.now(), interrupt: (stage: string) => void = () => {}): void {
  const state = readSetting<string>(db, SEED_MARKER);
  if (state === 'done') return;
  const existing = memberCount(db);
  if (state === undefined && existing > 0) return; // the brand's own data, or a demo seeded before the marker existed
  if (state === 'started') wipeAllData(db);
  writeSetting(db, SEED_MARKER, 'started');
  const clock = new VirtualClock(now - (HISTORY_DAYS + 1) * DAY);
  const runtime = new JourneyRuntime(db, clock);
  insertDemoMembers(runtime, now);
  interrupt('members');
  insertDemoAudiences(db, now);
  for (const doc of exampleJourneys) {
    const id = createJourney(db, { name: doc.name, document: doc, preferredId: doc.id, now: clock.now() });
    publishJourney(db, id, clock.now());
  }
  interrupt('journeys');
  const setTime = (t: number) => clock.set(t);
  for (const { at: t, ...event } of demoEvents(now)) {
    runtime.runUntil(t, setTime);
    if (event.type === TIER_MOVE) moveTier(runtime, event.memberId!, Number(event.properties?.step));
    else runtime.ingest([event]);
  }
  runtime.runUntil(now, setTime);
  writeSetting(db, SEED_MARKER, 'done');
}

const SEED_MARKER = 'demo_seed';
