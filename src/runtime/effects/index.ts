import { assetEffect } from './asset';
import { groupEffect } from './group';
import { handoffEffect } from './handoff';
import { messageEffect } from './message';
import { rewardEffect } from './reward';
import { tagEffect } from './tag';
import { applied, type EffectHandler } from './types';

export * from './types';

/** Every effect type a node kind may emit; a new one is one module here and one line in this list. */
const HANDLERS: readonly EffectHandler[] = [messageEffect, rewardEffect, assetEffect, tagEffect, groupEffect, handoffEffect];
const byType = new Map(HANDLERS.map((h) => [h.type, h]));

/** An effect type nobody handles is recorded as applied (the outbox row is its record), never lost. */
const recordedOnly: EffectHandler = { type: '*', inStep: false, apply: () => applied };

export function effectHandler(type: string): EffectHandler {
  return byType.get(type) ?? recordedOnly;
}

/** For tests that register an effect of a fixture kind. */
export function registerEffect(handler: EffectHandler): () => void {
  byType.set(handler.type, handler);
  return () => void byType.delete(handler.type);
}
