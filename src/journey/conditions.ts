import { z } from 'zod';
import { DateTime } from 'luxon';
import { parseDuration } from './duration';

export const comparisonOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'exists', 'between'] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { attr: string; op: ComparisonOp; value?: unknown }
  | { tag: string }
  | { segment: string }
  | {
      event: string;
      where?: Condition;
      within?: string;
      sinceEntry?: boolean;
      count?: { op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte'; value: number };
    }
  | { time: { between: [string, string]; days?: string[] } };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time like "09:00"');
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ attr: z.string().min(1), op: z.enum(comparisonOps), value: z.unknown().optional() }).strict(),
    z.object({ tag: z.string().min(1) }).strict(),
    z.object({ segment: z.string().min(1) }).strict(),
    z
      .object({
        event: z.string().min(1),
        where: conditionSchema.optional(),
        within: z.string().refine((s) => parseDuration(s) !== null, 'Not an ISO 8601 duration').optional(),
        sinceEntry: z.boolean().optional(),
        count: z.object({ op: z.enum(['eq', 'gt', 'gte', 'lt', 'lte']), value: z.number().int().min(0) }).optional(),
      })
      .strict(),
    z.object({ time: z.object({ between: z.tuple([hhmm, hhmm]), days: z.array(z.enum(weekdays)).optional() }).strict() }).strict(),
  ]),
) as z.ZodType<Condition>;

/** What a member looks like to conditions: profile fields at the top, custom ones under `attributes`. */
export interface MemberFacts {
  id: string;
  tz: string;
  tags: string[];
  /** Static groups (客群) the member belongs to. */
  groups?: string[];
  [field: string]: unknown;
}

export interface EventFacts {
  type: string;
  occurredAt: number;
  properties: Record<string, unknown>;
}

/** Everything a condition may read; built by the runtime, never fetched by the core. */
export interface EvalEnv {
  now: number;
  member: MemberFacts;
  /** The member's recent events, oldest first; a loader when the runtime reads them only on demand. */
  history?: EventFacts[] | (() => EventFacts[]);
  /** The event being processed, if any. */
  event?: EventFacts;
  enteredAt?: number;
  /** Dynamic segment definitions by id; a segment id may also name a static group. */
  segments?: Record<string, Condition>;
  /** Segments being evaluated, so a segment defined through itself cannot recurse forever. */
  resolving?: string[];
  /** Codes a coupon pool can still give out, read at decision time (capped split paths); absent: every pool counts as open. */
  couponStock?: (poolId: string) => number;
}

export function readPath(source: unknown, path: string): unknown {
  let cur: unknown = source;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    // Own data only: `constructor`, `__proto__` and friends are not fields of a member or an event.
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function compare(actual: unknown, op: ComparisonOp, expected: unknown): boolean {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'eq':
      return actual === expected || (actual != null && expected != null && String(actual) === String(expected));
    case 'neq':
      return !compare(actual, 'eq', expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (actual === undefined || actual === null) return false;
      const a = typeof actual === 'number' ? actual : Number(actual);
      const b = typeof expected === 'number' ? expected : Number(expected);
      const [x, y] = Number.isNaN(a) || Number.isNaN(b) ? [String(actual), String(expected)] : [a, b];
      if (op === 'gt') return x > y;
      if (op === 'gte') return x >= y;
      if (op === 'lt') return x < y;
      return x <= y;
    }
    case 'in':
      return Array.isArray(expected) && expected.some((e) => compare(actual, 'eq', e));
    case 'nin':
      return !compare(actual, 'in', expected);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((a) => compare(a, 'eq', expected));
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'between':
      return Array.isArray(expected) && compare(actual, 'gte', expected[0]) && compare(actual, 'lte', expected[1]);
  }
}

function countMatches(c: Extract<Condition, { event: string }>, env: EvalEnv): number {
  const since = Math.max(
    c.within ? env.now - (parseDuration(c.within)?.toMillis() ?? 0) : -Infinity,
    c.sinceEntry && env.enteredAt !== undefined ? env.enteredAt : -Infinity,
  );
  let n = 0;
  const history = typeof env.history === 'function' ? env.history() : (env.history ?? []);
  for (const e of history) {
    if (e.type !== c.event || e.occurredAt < since || e.occurredAt > env.now) continue;
    if (c.where && !evaluateCondition(c.where, { ...env, member: env.member }, e)) continue;
    n++;
  }
  return n;
}

function inTimeWindow(c: { between: [string, string]; days?: string[] }, env: EvalEnv): boolean {
  const local = DateTime.fromMillis(env.now, { zone: env.member.tz || 'UTC' });
  const t = local.isValid ? local : DateTime.fromMillis(env.now, { zone: 'UTC' });
  const day = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][t.weekday - 1];
  if (c.days && c.days.length > 0 && !c.days.includes(day)) return false;
  const minutes = t.hour * 60 + t.minute;
  const [from, to] = c.between.map((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));
  // A window like 21:00–09:00 wraps past midnight.
  return from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/**
 * Evaluates a condition. Inside an event's `where`, `attr` paths read that
 * event (`properties.amount`, `type`); elsewhere they read the member.
 */
export function evaluateCondition(c: Condition, env: EvalEnv, scope?: EventFacts): boolean {
  if ('all' in c) return c.all.every((x) => evaluateCondition(x, env, scope));
  if ('any' in c) return c.any.some((x) => evaluateCondition(x, env, scope));
  if ('not' in c) return !evaluateCondition(c.not, env, scope);
  if ('attr' in c) return compare(readPath(scope ?? env.member, c.attr), c.op, c.value);
  if ('tag' in c) return env.member.tags.includes(c.tag);
  if ('segment' in c) {
    if ((env.member.groups ?? []).includes(c.segment)) return true;
    const def = env.segments?.[c.segment];
    if (!def || env.resolving?.includes(c.segment)) return false;
    return evaluateCondition(def, { ...env, resolving: [...(env.resolving ?? []), c.segment] });
  }
  if ('event' in c) {
    const n = countMatches(c, env);
    return c.count ? compare(n, c.count.op, c.count.value) : n > 0;
  }
  return inTimeWindow(c.time, env);
}

/** Does a single incoming event match an event name and optional `where`? */
export function eventMatches(event: EventFacts | undefined, name: string, where: Condition | undefined, env: EvalEnv): boolean {
  if (!event || event.type !== name) return false;
  return where ? evaluateCondition(where, env, event) : true;
}
