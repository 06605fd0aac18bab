import { edgeHandle, journeyDocumentSchema, type JourneyDocument } from './document';
import { getNodeKind } from './nodes';
import type { ActionJson, StateJson, TransitionJson } from './nodes/types';
import { validateJourney, type ValidationProblem } from './validate';

/** Reserved states around the nodes: before the trigger, and after an exit criterion or goal exit. */
export const START_STATE = '__start';
export const EXIT_STATE = '__exit';

export interface MachineJson {
  id: string;
  initial: string;
  states: Record<string, StateJson>;
  on: Record<string, TransitionJson>;
}

export class JourneyInvalidError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`Journey is invalid: ${problems.map((p) => `${p.nodeId ? `[${p.nodeId}] ` : ''}${p.message}`).join('; ')}`);
  }
}

export function triggerNodeOf(doc: JourneyDocument) {
  const node = doc.nodes.find((n) => getNodeKind(n.kind)?.category === 'trigger');
  if (!node) throw new JourneyInvalidError([{ path: 'nodes', message: 'No trigger', messageZh: '没有触发节点' }]);
  return node;
}

/**
 * Compiles a valid journey document to a JSON XState machine config. Guards and
 * actions are named with params, so the output is plain data: deterministic,
 * hashable, and turned into a machine by `createJourneyMachine`.
 */
export function compileJourney(input: unknown): MachineJson {
  const problems = validateJourney(input);
  if (problems.length) throw new JourneyInvalidError(problems);
  const doc = journeyDocumentSchema.parse(input);

  const targets = new Map<string, string>();
  for (const e of doc.edges) targets.set(`${e.source}\u0000${edgeHandle(e)}`, e.target);

  const states: Record<string, StateJson> = {
    [START_STATE]: { on: { 'journey.start': { target: triggerNodeOf(doc).id } } },
  };
  for (const node of [...doc.nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    const kind = getNodeKind(node.kind)!;
    const config = kind.configSchema.parse(node.config ?? {});
    const state = kind.compile(config, {
      doc,
      node,
      leave: (handle, extra = {}) => {
        const target = targets.get(`${node.id}\u0000${handle}`);
        if (!target) throw new Error(`Handle ${handle} of ${node.id} is not connected`);
        const actions: ActionJson[] = [...(extra.actions ?? []), { type: 'leave', params: { nodeId: node.id, handle } }];
        // A wait looping straight back into itself must run its entry again (log the visit, re-arm the timer):
        // XState v5 takes a self-transition without leaving the state unless told to re-enter.
        return { ...(extra.guard ? { guard: extra.guard } : {}), target, ...(target === node.id ? { reenter: true } : {}), actions };
      },
    });
    // Every node logs its entry first, whatever the kind does next. The runtime
    // counts visits from these entries (an assign per node would double the cost of a step).
    const enter: ActionJson[] = [{ type: 'enter', params: { nodeId: node.id } }];
    states[node.id] = { ...state, entry: [...enter, ...(state.entry ?? [])] };
  }
  states[EXIT_STATE] = { type: 'final' };
  if (doc.holdout) markEffects(states, { holdoutPercent: doc.holdout.percent });
  // The journey's send limit travels with each message it sends: the dispatcher applies it (src/runtime/rate-limit.ts).
  if (doc.policy?.maxSendsPerMinute) markEffects(states, { journeySendsPerMinute: doc.policy.maxSendsPerMinute }, 'message');

  return {
    id: 'journey',
    initial: START_STATE,
    states,
    // Exit criteria and goal exits are decided by the runtime and apply from any node.
    on: { 'journey.exit': { target: `.${EXIT_STATE}`, actions: [{ type: 'clearWake' }] } },
  };
}

/**
 * With a holdout, every effect carries its percent: the runtime builds effect rows from these params alone, and skips
 * the effects of held-out members (hash of journey and member). A journey send limit is carried the same way by its
 * messages. Without either the machine JSON is unchanged, so existing versions keep their hashes.
 */
function markEffects(node: unknown, fields: Record<string, number>, type?: string): void {
  if (Array.isArray(node)) {
    for (const item of node) markEffects(item, fields, type);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as { type?: unknown; params?: { effect?: Record<string, unknown> } };
  if (obj.type === 'effect' && obj.params?.effect && (!type || obj.params.effect.type === type)) obj.params.effect = { ...obj.params.effect, ...fields };
  for (const value of Object.values(obj)) markEffects(value, fields, type);
}
