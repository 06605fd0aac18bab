import type { Db } from '@/db/client';
import type { outbox } from '@/db/schema';
import type { Decision, GatewayMember, SendingPolicy } from '../policy';

export type OutboxRecord = typeof outbox.$inferSelect;
/** What became of an effect: applied (`sent`), stopped by the gateway (`skipped`), or handed to a provider (`sending`). */
export type Outcome = { status: 'sent' | 'skipped' | 'sending'; reason: string };
/** Told of each tier an effect changed, inside the same transaction, so `tier_changed` journeys run from it. */
export type TierChangeListener = (memberId: string, from: string, to: string) => void;

/**
 * Whether a message that passed the gateway goes to a channel provider (sent by an engine worker's Dispatcher) or is
 * only recorded. Runtimes that must never send (tests, the simulator, draft test runs) record every message.
 */
export type SendsFor = (channel: string) => boolean;
export const recordOnly: SendsFor = () => false;

export interface EffectContext {
  onTierChange: TierChangeListener;
  sends: SendsFor;
}

/**
 * How one type of effect (what a node kind's `compile` emits as `{type: 'effect', params: {effect: {type, …}}}`)
 * is applied. One module per effect type in this folder, registered in index.ts: node kinds live in the pure
 * src/journey and cannot touch the database, so what their effects do to it lives here, one file each.
 *
 * `inStep` effects stay in our own database (tags, groups, points and other assets, coupon codes, tasks): the
 * engine applies them in the transaction of the step that caused them, keyed by the effect's idempotency key,
 * so the member's next event already sees them. The others (messages) pass the sending gateway in the delivery
 * pass, where quiet hours may defer them and a provider may take them.
 */
export interface EffectHandler {
  type: string;
  inStep: boolean;
  /** The sending policy's say before applying (reward budgets, message consent and caps). */
  decide?(db: Db, policy: SendingPolicy, member: GatewayMember, row: OutboxRecord, now: number): Decision;
  apply(db: Db, row: OutboxRecord, now: number, ctx: EffectContext): Outcome;
}

export const applied: Outcome = { status: 'sent', reason: 'sent' };
