import { describe, expect, it } from 'vitest';
import { assignmentBucket, validateJourney } from '@/journey';
import { exampleJourneys, welcomeJourney, secondPurchaseJourney, birthdayJourney, cartAbandonmentJourney, winbackJourney, tierUpgradeJourney } from '@/journey/examples';
import { simulateJourney, type SimMember } from '@/cli/simulate';
import type { IncomingEvent } from '@/runtime/event-input';

const DAY = 24 * 3600 * 1000;
const iso = (t: number) => new Date(t).toISOString();
const START = Date.parse('2026-11-02T02:00:00Z'); // a Monday, 10:00 in Shanghai
const tiers = ['bronze', 'silver', 'gold', 'platinum'];
const population: SimMember[] = Array.from({ length: 120 }, (_, i) => ({
  id: `p${String(i).padStart(3, '0')}`,
  name: `P${i}`,
  tier: tiers[(i * 7) % 4],
  tz: i % 5 === 0 ? 'America/Los_Angeles' : 'Asia/Shanghai',
  birthday: `1990-11-${String(1 + (i % 28)).padStart(2, '0')}`,
}));

describe('example journeys', () => {
  it('are all valid', () => {
    expect(exampleJourneys).toHaveLength(6);
    for (const doc of exampleJourneys) expect(validateJourney(doc), doc.id).toEqual([]);
  });

  it('welcome: members who order within 3 days skip the reminder', () => {
    const events: IncomingEvent[] = population.map((m, i) => ({ memberId: m.id, type: 'member_joined', occurredAt: iso(START + i * 60_000) }));
    const buyers = population.filter((_, i) => i % 3 === 0);
    for (const m of buyers) events.push({ memberId: m.id, type: 'order_paid', occurredAt: iso(START + 2 * DAY) });
    const r = simulateJourney({ document: welcomeJourney, members: population, events });
    expect(r.nodes.trigger.entered).toBe(120);
    expect(r.nodes.wait_order.byHandle).toEqual({ event: buyers.length, timeout: 120 - buyers.length });
    expect(r.nodes.reminder.entered).toBe(120 - buyers.length);
    expect(r.goal).toEqual({ entered: 120, reached: buyers.length });
    expect(r.effects.filter((e) => e.type === 'reward')).toHaveLength(120);
  });

  it('second purchase: a second order within 10 days reaches the goal and skips the last reminder', () => {
    const again = population.slice(0, 30);
    const events: IncomingEvent[] = [
      ...population.map((m) => ({ memberId: m.id, type: 'order_paid', occurredAt: iso(START) })),
      ...again.map((m) => ({ memberId: m.id, type: 'order_paid', occurredAt: iso(START + 5 * DAY) })),
    ];
    const r = simulateJourney({ document: secondPurchaseJourney, members: population, events, until: START + 12 * DAY });
    expect(r.nodes.first_order.byHandle).toEqual({ yes: 120 });
    expect(r.nodes.recommend.entered).toBe(120);
    expect(r.goal).toEqual({ entered: 120, reached: 30 });
    expect(r.nodes.last_call.entered).toBe(90);
    expect(r.effects.filter((e) => e.type === 'reward' && e.nodeId === 'points')).toHaveLength(120);
  });

  it('birthday: gold and platinum take the richer path, each at 09:00 local three days before', () => {
    const until = START + 10 * DAY;
    const r = simulateJourney({ document: birthdayJourney, members: population, events: [], start: START, until });
    const inWindow = population.filter((m) => {
      const day = Number(m.birthday!.slice(8, 10));
      const local9 = Date.UTC(2026, 10, day - 3, 9) - (m.tz === 'Asia/Shanghai' ? 8 : -8) * 3600_000;
      return local9 > START && local9 <= until;
    });
    const rich = inWindow.filter((m) => m.tier === 'gold' || m.tier === 'platinum');
    expect(r.nodes.tier.byHandle).toEqual({ yes: rich.length, no: inWindow.length - rich.length });
    expect(r.effects.filter((e) => e.channel === 'wecom').map((e) => e.memberId).sort()).toEqual(rich.map((m) => m.id).sort());
  });

  it('cart abandonment: the A/B split follows the hash rule', () => {
    const events: IncomingEvent[] = population.map((m) => ({ memberId: m.id, type: 'checkout_started', occurredAt: iso(START) }));
    const r = simulateJourney({ document: { ...cartAbandonmentJourney }, members: population, events });
    const coupon = population.filter((m) => assignmentBucket('cart-abandonment', 'cart_coupon', m.id) < 5000).length;
    expect(r.variants.ab).toEqual({ coupon: { assigned: coupon, reached: 0 }, control: { assigned: 120 - coupon, reached: 0 } });
    expect(r.effects.filter((e) => e.nodeId === 'coupon_msg')).toHaveLength(coupon);
  });

  it('win-back: every Monday at 10:00 the dormant members enrol, once while in flight', () => {
    const active = population.slice(0, 40);
    const events = active.map((m) => ({ memberId: m.id, type: 'order_paid', occurredAt: iso(START - 10 * DAY) }));
    const r = simulateJourney({ document: winbackJourney, members: population, events, start: START - DAY, until: START + 8 * DAY });
    // Mondays START and START+7d: 80 dormant members enrol at START; at +7d they are still waiting (14 days).
    expect(r.nodes.trigger.entered).toBe(80);
    const v = r.variants.ab;
    expect(v.points.assigned + v.coupon.assigned + v.control.assigned).toBe(80);
  });

  it('tier upgrade: a hand-off only for gold and above, only on upgrades', () => {
    const events: IncomingEvent[] = population.map((m, i) => ({
      memberId: m.id,
      type: 'tier_changed',
      occurredAt: iso(START + i * 1000),
      properties: { direction: i % 4 === 3 ? 'down' : 'up' },
    }));
    const r = simulateJourney({ document: tierUpgradeJourney, members: population, events });
    const ups = population.filter((_, i) => i % 4 !== 3);
    const goldUps = ups.filter((m) => m.tier === 'gold' || m.tier === 'platinum');
    expect(r.nodes.congrats.entered).toBe(ups.length);
    expect(r.nodes.handoff.entered).toBe(goldUps.length);
  });
});
