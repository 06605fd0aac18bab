import { assign, createActor, setup, type AnyActorScope, type ExecutableActionsFrom } from 'xstate';
import { addDuration } from './duration';
import { nextLocalTime } from './schedule';
import { evaluateCondition, eventMatches, type Condition, type EvalEnv, type MemberFacts } from './conditions';
import { assignmentBucket } from './hash';
import { pickCappedPath, usualPath, type CappedPath } from './capped-split';
import { START_STATE, type MachineJson } from './compile';

export interface JourneyContext {
  journeyId: string;
  memberId: string;
  enteredAt: number;
  /** When the current wait ends (epoch ms), or null when not waiting on time. */
  wakeAt: number | null;
  /** Visits per node, kept by the runtime from `enter` actions (it keys effects by visit). */
  visits: Record<string, number>;
  variants: Record<string, string>;
  /**
   * The variant each capped A/B split of this macrostep *assigned* the member (their hash bucket), beside the one
   * they took in `variants`: a pool that ran out moves members off their bucket. Like tagChanges, the runtime reads
   * it from the step that set it and does not persist it.
   */
  assignedVariants?: Record<string, string>;
  /**
   * Tags this macrostep added or removed. The tag rows change only when the
   * effect is delivered, so a branch right after "tag audience" would see the
   * old tags; conditions read the member's tags with these applied. The
   * runtime does not persist them: by the next step delivery has caught up.
   */
  tagChanges?: { add: string[]; remove: string[] };
  /** Static groups this macrostep added the member to or removed them from: the same reasoning as tags. */
  groupChanges?: { add: string[]; remove: string[] };
  /** Asset changes this macrostep made (`action.asset`): deltas to points, growth and stored value, or a new tier. */
  assetChanges?: { points?: number; growth?: number; storedValue?: number; tier?: string };
}

type NameChanges = { add: string[]; remove: string[] };

function applied(names: string[], changes: NameChanges | undefined): string[] {
  if (!changes) return names;
  const next = names.filter((n) => !changes.remove.includes(n));
  for (const n of changes.add) if (!next.includes(n)) next.push(n);
  return next;
}

/** The member as this macrostep sees them: stored tags, groups and assets with the step's own changes applied. */
function withStepChanges(env: EvalEnv, context: JourneyContext): EvalEnv {
  const { tagChanges, groupChanges, assetChanges } = context;
  if (!tagChanges && !groupChanges && !assetChanges) return env;
  const member: MemberFacts = { ...env.member, tags: applied(env.member.tags, tagChanges), groups: applied(env.member.groups ?? [], groupChanges) };
  for (const field of ['points', 'growth', 'storedValue'] as const) {
    const delta = assetChanges?.[field];
    if (delta) member[field] = (Number(member[field]) || 0) + delta;
  }
  if (assetChanges?.tier) member.tier = assetChanges.tier;
  return { ...env, member };
}

/** `before` followed by adding `add` and removing `remove`, as one net change. */
function combine(before: NameChanges | undefined, add: string[], remove: string[]): NameChanges {
  const b = before ?? { add: [], remove: [] };
  return { add: [...b.add.filter((n) => !remove.includes(n)), ...add], remove: [...b.remove.filter((n) => !add.includes(n)), ...remove] };
}

export interface JourneyInput {
  journeyId: string;
  memberId: string;
  enteredAt: number;
}

export type JourneyEvent =
  | { type: 'journey.start'; env: EvalEnv }
  | { type: 'member.event'; env: EvalEnv }
  | { type: 'timer.fire'; env: EvalEnv }
  | { type: 'journey.exit'; env: EvalEnv; reason: string };

const journeySetup = setup({
  types: {
    context: {} as JourneyContext,
    events: {} as JourneyEvent,
    input: {} as JourneyInput,
  },
  guards: {
    condition: ({ context, event }, params: { condition: Condition }) => evaluateCondition(params.condition, withStepChanges(event.env, context)),
    eventIs: ({ event }, params: { event: string; where?: Condition }) =>
      event.type === 'member.event' && eventMatches(event.env.event, params.event, params.where, event.env),
    due: ({ context, event }) => context.wakeAt !== null && event.env.now >= context.wakeAt,
    bucket: ({ context }, params: { experiment: string; from: number; to: number }) => {
      const b = assignmentBucket(context.journeyId, params.experiment, context.memberId);
      return b >= params.from && b < params.to;
    },
    // A split whose paths may be capped by coupon pools: the stock is a fact the runtime passes in (env.couponStock).
    cappedPath: ({ context, event }, params: { paths: CappedPath[]; salt: string; key: string }) =>
      pickCappedPath(params.paths, params.salt, context, event.env.couponStock) === params.key,
  },
  actions: {
    // These three are recorded by the runtime from the returned action list; they do nothing here.
    enter: (_args, _params: { nodeId: string }) => {},
    leave: (_args, _params: { nodeId: string; handle: string }) => {},
    effect: (_args, _params: { nodeId: string; effect: Record<string, unknown> }) => {},
    setWake: assign(({ event }, params: { duration: string }) => ({
      wakeAt: addDuration(event.env.now, params.duration, event.env.member.tz),
    })),
    setWakeAt: assign(({ event }, params: { at?: string; time?: string; days?: string[] }) => {
      if (params.at) return { wakeAt: Date.parse(params.at) };
      // Arriving at 09:30 sharp for "until 09:30" leaves at once; but when a timer brought the member back here
      // (a loop through this wait), the same instant again would fire for ever: then it is the next 09:30.
      const from = event.type === 'timer.fire' ? event.env.now + 1 : event.env.now;
      return { wakeAt: nextLocalTime(from, event.env.member.tz, params.time ?? '00:00', params.days) };
    }),
    clearWake: assign({ wakeAt: null }),
    retag: assign(({ context }, params: { add: string[]; remove: string[] }) => ({ tagChanges: combine(context.tagChanges, params.add, params.remove) })),
    adjust: assign(({ context }, params: { field?: 'points' | 'growth' | 'storedValue'; delta?: number; tier?: string }) => {
      const before = context.assetChanges ?? {};
      if (params.tier) return { assetChanges: { ...before, tier: params.tier } };
      if (!params.field || !params.delta) return {};
      return { assetChanges: { ...before, [params.field]: (before[params.field] ?? 0) + params.delta } };
    }),
    regroup: assign(({ context }, params: { group: string; op: 'add' | 'remove' }) => ({
      groupChanges: params.op === 'add' ? combine(context.groupChanges, [params.group], []) : combine(context.groupChanges, [], [params.group]),
    })),
    // At a capped split (`paths`, `salt`) the assigned variant is recorded too: the same hash as the guard's usual path.
    setVariant: assign(({ context }, params: { nodeId: string; key: string; paths?: CappedPath[]; salt?: string }) => ({
      variants: { ...context.variants, [params.nodeId]: params.key },
      ...(params.paths && params.salt !== undefined
        ? { assignedVariants: { ...context.assignedVariants, [params.nodeId]: usualPath(params.paths, params.salt, context) } }
        : {}),
    })),
  },
});

/** Turns compiled JSON into an XState machine; the runtime steps it with pure `transition`. */
export function createJourneyMachine(config: MachineJson) {
  return journeySetup.createMachine({
    ...(config as object),
    context: ({ input }) => ({
      journeyId: input.journeyId,
      memberId: input.memberId,
      enteredAt: input.enteredAt,
      wakeAt: null,
      visits: {},
      variants: {},
    }),
  } as Parameters<typeof journeySetup.createMachine>[0]);
}

export type JourneyMachine = ReturnType<typeof createJourneyMachine>;

/**
 * A member's snapshot before the trigger fires. `resolveState` builds it
 * without spinning up an actor, about 14× cheaper than `initialTransition`
 * (the start state has no entry actions, so nothing is skipped).
 */
export function initialSnapshot(machine: JourneyMachine, input: JourneyInput) {
  return machine.resolveState({
    value: START_STATE,
    context: { ...input, wakeAt: null, visits: {}, variants: {} },
  });
}

export type JourneySnapshot = ReturnType<JourneyMachine['resolveState']>;
export type JourneyAction = ExecutableActionsFrom<JourneyMachine>;

/**
 * Pure transitions with one reusable actor scope per machine. XState's
 * `transition()` builds a throw-away actor (and an initial snapshot) on every
 * call, which was most of the cost of a step; the machine's own
 * `transition(snapshot, event, scope)` with a scope made once does the same
 * work. Journeys spawn no child actors, so sharing the scope is safe.
 */
export function journeyStepper(machine: JourneyMachine) {
  const self = createActor(machine, { input: { journeyId: '', memberId: '', enteredAt: 0 } });
  let collected: JourneyAction[] = [];
  const scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    defer: () => {},
    logger: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (action: JourneyAction) => {
      collected.push(action);
    },
  } as unknown as AnyActorScope;
  return (snapshot: JourneySnapshot, event: JourneyEvent): [JourneySnapshot, JourneyAction[]] => {
    collected = [];
    const next = machine.transition(snapshot, event, scope) as JourneySnapshot;
    return [next, collected];
  };
}
