import { describe, expect, it } from 'vitest';
import { evaluateCondition, type Condition, type EvalEnv } from '@/journey';

const NOW = Date.parse('2026-11-18T12:30:00Z'); // Wednesday 20:30 in Shanghai, 04:30 in Los Angeles
const DAY = 24 * 3600 * 1000;
const env = (over: Partial<EvalEnv> = {}): EvalEnv => ({
  now: NOW,
  member: { id: 'm1', tz: 'Asia/Shanghai', tags: ['vip'], groups: ['store_fans'], tier: 'gold', points: 1200, city: '上海', attributes: { rfm: 'loyal', kids: 2 } },
  history: [
    { type: 'order_paid', occurredAt: NOW - 40 * DAY, properties: { amount: 80 } },
    { type: 'order_paid', occurredAt: NOW - 5 * DAY, properties: { amount: 300 } },
    { type: 'order_paid', occurredAt: NOW - 1 * DAY, properties: { amount: 120 } },
    { type: 'page_view', occurredAt: NOW - 2 * DAY, properties: {} },
  ],
  segments: { big_spenders: { event: 'order_paid', where: { attr: 'properties.amount', op: 'gte', value: 250 } } },
  ...over,
});
const check = (c: Condition, over?: Partial<EvalEnv>) => evaluateCondition(c, env(over));

describe('attribute comparisons', () => {
  it.each([
    [{ attr: 'tier', op: 'eq', value: 'gold' }, true],
    [{ attr: 'tier', op: 'neq', value: 'gold' }, false],
    [{ attr: 'points', op: 'gt', value: 1000 }, true],
    [{ attr: 'points', op: 'gte', value: 1200 }, true],
    [{ attr: 'points', op: 'lt', value: 1200 }, false],
    [{ attr: 'points', op: 'lte', value: 1200 }, true],
    [{ attr: 'tier', op: 'in', value: ['gold', 'platinum'] }, true],
    [{ attr: 'tier', op: 'nin', value: ['gold', 'platinum'] }, false],
    [{ attr: 'city', op: 'contains', value: '上' }, true],
    [{ attr: 'tags', op: 'contains', value: 'vip' }, true],
    [{ attr: 'attributes.rfm', op: 'exists' }, true],
    [{ attr: 'attributes.missing', op: 'exists' }, false],
    [{ attr: 'points', op: 'between', value: [1000, 2000] }, true],
    [{ attr: 'attributes.kids', op: 'between', value: [3, 5] }, false],
  ] as [Condition, boolean][])('%j → %s', (c, expected) => expect(check(c)).toBe(expected));

  it('treats a missing attribute as not matching an ordering comparison', () => {
    expect(check({ attr: 'attributes.age', op: 'lt', value: 30 })).toBe(false);
  });
});

describe('combinators, tags and segments', () => {
  it('combines with all / any / not', () => {
    expect(check({ all: [{ tag: 'vip' }, { attr: 'tier', op: 'eq', value: 'gold' }] })).toBe(true);
    expect(check({ all: [{ tag: 'vip' }, { tag: 'new' }] })).toBe(false);
    expect(check({ any: [{ tag: 'new' }, { tag: 'vip' }] })).toBe(true);
    expect(check({ not: { tag: 'vip' } })).toBe(false);
  });

  it('reads static groups and dynamic segment definitions', () => {
    expect(check({ segment: 'store_fans' })).toBe(true);
    expect(check({ segment: 'big_spenders' })).toBe(true);
    expect(check({ segment: 'unknown' })).toBe(false);
    // A segment defined through itself does not recurse forever.
    expect(check({ segment: 'loop' }, { segments: { loop: { any: [{ segment: 'loop' }, { tag: 'nope' }] } } })).toBe(false);
  });
});

describe('event conditions', () => {
  it('counts history with within, where and count', () => {
    expect(check({ event: 'order_paid', within: 'P30D' })).toBe(true);
    expect(check({ event: 'order_paid', within: 'P30D', count: { op: 'eq', value: 2 } })).toBe(true);
    expect(check({ event: 'order_paid', count: { op: 'gte', value: 3 } })).toBe(true);
    expect(check({ event: 'order_paid', within: 'PT12H' })).toBe(false);
    expect(check({ event: 'order_paid', where: { attr: 'properties.amount', op: 'gt', value: 200 }, count: { op: 'eq', value: 1 } })).toBe(true);
    expect(check({ event: 'store_visit' })).toBe(false);
  });

  it('counts only since entry when asked', () => {
    expect(check({ event: 'order_paid', sinceEntry: true }, { enteredAt: NOW - 3 * DAY })).toBe(true);
    expect(check({ event: 'order_paid', sinceEntry: true, count: { op: 'gte', value: 2 } }, { enteredAt: NOW - 3 * DAY })).toBe(false);
  });
});

describe('time conditions in the member time zone', () => {
  it('uses the member clock for the window and weekday', () => {
    expect(check({ time: { between: ['09:00', '21:00'] } })).toBe(true); // 20:30 in Shanghai
    const la = { member: { ...env().member, tz: 'America/Los_Angeles' } };
    expect(check({ time: { between: ['09:00', '21:00'] } }, la)).toBe(false); // 04:30 in LA
    expect(check({ time: { between: ['21:00', '09:00'] } }, la)).toBe(true); // wraps past midnight
    expect(check({ time: { between: ['00:00', '23:59'], days: ['wed'] } })).toBe(true);
    expect(check({ time: { between: ['00:00', '23:59'], days: ['sat', 'sun'] } })).toBe(false);
  });
});
