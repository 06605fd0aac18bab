import { EXIT_STATE, eventMatches, initialSnapshot, type JourneySnapshot, parseDuration, type EvalEnv, type EventFacts, type JourneyEvent, type MemberFacts } from '@/journey';
import type { Db } from '@/db/client';
import type { Clock } from './clock';
import { loadHistory, loadManyMemberFacts, loadMemberFacts, loadSegmentDefs } from '@/db/member-facts';
import { effectRow } from './effect-row';
import { VersionCache, type LoadedVersion } from './versions';
import { RuntimeMetrics } from './metrics';
import { EnrolmentStore, type EnrolmentRow, type StepMove, type StepRow } from '@/db/enrolment-store';
import { goalDeadline } from '@/journey/goal';
import { nextEntryNumber } from './entry-rule';
import { CouponStock } from './coupons';
import { applyInStep, appliesInStep } from './delivery';
import { loadPolicy, type SendingPolicy } from './policy';
import type { EffectContext } from './effects';

/** What is stored of a snapshot: journeys spawn no children, so value, context and status rebuild it with `resolveState`. */
function persistedSnapshot(s: JourneySnapshot, visits: Record<string, number>) {
  // Tag, group and asset changes and assigned variants matter only within the macrostep that made them (see JourneyContext).
  const { tagChanges: _tags, groupChanges: _groups, assetChanges: _assets, assignedVariants: _assigned, ...context } = s.context;
  return { status: s.status, value: s.value, context: { ...context, visits } };
}

/** Thrown when a runtime's step budget runs out; recognised by its name, so it crosses bundles (see isInputError). */
export class StepBudgetExceeded extends Error {
  readonly name = 'StepBudgetExceeded';
  constructor() {
    super('The step budget ran out');
  }
}

export const isStepBudgetExceeded = (err: unknown): err is StepBudgetExceeded => (err as Error | null)?.name === 'StepBudgetExceeded';

/**
 * How one member moves: an event or a timer for their enrolments, entry into
 * journeys, one macrostep with XState's pure `transition`, and what it writes
 * (snapshot, step log, effects) through the store's batch. The JourneyRuntime
 * (engine.ts) feeds it from the inbox, timers and triggers.
 */
export class MemberStepper {
  readonly versions: VersionCache;
  readonly metrics = new RuntimeMetrics();
  protected readonly store: EnrolmentStore;
  /** Member-steps this runtime may still take (null: no limit). A test run sets one, so a draft that loops cannot run away. */
  stepBudget: number | null = null;
  /** Live versions per trigger event, read once per batch. */
  protected liveByEvent = new Map<string, LoadedVersion[]>();

  constructor(
    readonly db: Db,
    readonly clock: Clock,
  ) {
    this.versions = new VersionCache(db);
    this.store = new EnrolmentStore(db);
    this.coupons = new CouponStock(db);
  }

  /** Coupon pool stock for capped split paths, read once per pool per batch. */
  protected readonly coupons: CouponStock;

  /** A transaction whose step log, effects and counters are written in bulk before it commits. */
  transaction<T>(fn: () => T): T {
    return this.store.transaction(() => {
      this.members.clear();
      this.coupons.reset();
      this.policy = null;
      try {
        return fn();
      } finally {
        this.members.clear();
        this.coupons.reset();
        this.policy = null;
      }
    });
  }

  /** The sending policy (reward budgets) for effects applied in the step, read once per batch. */
  private policy: SendingPolicy | null = null;
  private readonly policyOnce = () => (this.policy ??= loadPolicy(this.db));
  /** Effects that stay in our database are applied in the step; messages are recorded only until the delivery pass. */
  private readonly effectContext: EffectContext = { onTierChange: (m, from, to) => this.tierChanged(m, from, to), sends: () => false };

  /** A journey changed a member's tier inside a step: the engine turns it into `tier_changed` events. */
  protected tierChanged(_memberId: string, _from: string, _to: string): void {}

  /** Members read ahead for the batch in hand; valid only inside one transaction. */
  protected members = new Map<string, MemberFacts>();

  /** Reads the profiles of a batch's members at once instead of one by one. */
  prefetchMembers(memberIds: string[]): void {
    for (const [id, facts] of loadManyMemberFacts(this.db, memberIds.filter((id) => !this.members.has(id)))) this.members.set(id, facts);
  }

  protected processEvent(memberId: string, event: EventFacts, now: number): number {
    const env = this.envFor(memberId, now, { event });
    if (!env) return 0;

    // In-flight members react to the event; members who already finished the path can still reach the goal (达标).
    for (const enrolment of this.store.relevantFor(memberId, event.occurredAt)) {
      const version = this.versions.get(enrolment.versionId);
      const local: EvalEnv = { ...env, enteredAt: enrolment.enteredAt };
      // Finished members and members held by a pause can still reach the goal, but do not move.
      // A paused journey's held members see the event when it resumes (resume.ts replays it).
      if (enrolment.status === 'completed' || !this.isLive(enrolment.journeyId)) {
        if (this.reachesGoal(enrolment, version, event, local)) this.recordGoal(enrolment, now);
        continue;
      }
      const goal = this.reachesGoal(enrolment, version, event, local);
      if (goal) this.recordGoal(enrolment, now);
      this.react(enrolment, version, event, local, goal);
    }

    let enrolled = 0;
    for (const version of this.liveVersionsFor(event.type)) {
      if (!version.trigger.kind.triggeredBy?.(version.trigger.config, event, env)) continue;
      if (this.enrolIfAllowed(version, memberId, env)) enrolled++;
    }
    return enrolled;
  }

  /** An in-flight member's move on an event: out by an exit criterion, out on reaching the goal, or a step of the machine. */
  private react(enrolment: EnrolmentRow, version: LoadedVersion, event: EventFacts, env: EvalEnv, reachedGoal: boolean): void {
    if (version.doc.exitWhen?.some((x) => eventMatches(event, x.event, x.where, env))) {
      this.step(enrolment, version, { type: 'journey.exit', env, reason: 'exit_criteria' });
    } else if (reachedGoal && version.doc.goal?.exitOnGoal) {
      this.step(enrolment, version, { type: 'journey.exit', env, reason: 'goal' });
    } else {
      this.step(enrolment, version, { type: 'member.event', env });
    }
  }

  /**
   * Gives a member held by a pause an event that arrived meanwhile, now that the journey is
   * live again. A wait that ran out before the event happened ends first, as it would have.
   * Its goal was recorded on arrival; an exit on goal happens here.
   */
  replayHeldEvent(journeyId: string, memberId: string, event: EventFacts): void {
    const now = this.clock.now();
    const env = this.envFor(memberId, now, { event });
    if (!env) return;
    const inFlight = () => this.store.relevantFor(memberId).find((e) => e.journeyId === journeyId && (e.status === 'active' || e.status === 'waiting'));
    let enrolment = inFlight();
    if (!enrolment || event.occurredAt < enrolment.enteredAt) return;
    // Waits in a row may all have run out before the event; a timer that does not move the member stops the loop.
    for (let waits = 0; enrolment.wakeAt !== null && enrolment.wakeAt <= event.occurredAt && waits < 100; waits++) {
      const wakeAt: number = enrolment.wakeAt;
      this.step(enrolment, this.versions.get(enrolment.versionId), { type: 'timer.fire', env: { ...env, event: undefined, enteredAt: enrolment.enteredAt } });
      enrolment = inFlight();
      if (!enrolment) return;
      if (enrolment.wakeAt === wakeAt) break;
    }
    const version = this.versions.get(enrolment.versionId);
    const goal = version.doc.goal;
    const reachedGoal = enrolment.goalAt !== null && !!goal && eventMatches(event, goal.event, goal.where, env);
    this.react(enrolment, version, event, { ...env, enteredAt: enrolment.enteredAt }, reachedGoal);
  }

  /** Takes a member out of every journey they are in (reason e.g. `erased`). Call inside a transaction; returns how many. */
  exitInFlight(memberId: string, reason: string): number {
    const now = this.clock.now();
    const env = this.envFor(memberId, now);
    if (!env) return 0;
    const inFlight = this.store.relevantFor(memberId).filter((e) => e.status === 'active' || e.status === 'waiting');
    for (const e of inFlight) this.step(e, this.versions.get(e.versionId), { type: 'journey.exit', env: { ...env, enteredAt: e.enteredAt }, reason });
    return inFlight.length;
  }

  private segmentDefs: EvalEnv['segments'] = {};

  /** Segment definitions are read once per batch, not once per member. */
  refreshSegments(): void {
    this.segmentDefs = loadSegmentDefs(this.db);
  }

  /** Everything conditions may read about a member right now; null for an unknown member. */
  envFor(memberId: string, now: number, extra: Partial<EvalEnv> = {}): EvalEnv | null {
    const member = this.members.get(memberId) ?? loadMemberFacts(this.db, memberId);
    if (!member) return null;
    // Most steps never look at past events: read them only when a condition asks, once.
    let history: EventFacts[] | undefined;
    const lazyHistory = () => (history ??= loadHistory(this.db, memberId, now));
    return { now, member, history: lazyHistory, segments: this.segmentDefs, couponStock: this.coupons.reader(now), ...extra };
  }

  /** Enrols the member when the journey's entry rules allow it now. */
  enrolIfAllowed(version: LoadedVersion, memberId: string, env: EvalEnv): boolean {
    const entryNo = this.nextEntryNumber(version, memberId, env.now);
    if (entryNo === null) return false;
    this.enrol(version, memberId, entryNo, env);
    return true;
  }

  private isLive(journeyId: string): boolean {
    return this.store.journeyStatus(journeyId) === 'live';
  }

  private recordGoal(e: EnrolmentRow, now: number): void {
    this.store.setGoal(e.id, now);
    e.goalAt = now;
    this.store.insertSteps([this.stepRow(e, { kind: 'goal', nodeId: e.nodeId, at: now })]);
  }

  private reachesGoal(e: EnrolmentRow, v: LoadedVersion, event: EventFacts, env: EvalEnv): boolean {
    const goal = v.doc.goal;
    if (!goal || e.goalAt !== null || !eventMatches(event, goal.event, goal.where, env)) return false;
    if (event.occurredAt < e.enteredAt) return false;
    const within = goal.within ? parseDuration(goal.within)?.toMillis() : undefined;
    return within === undefined || event.occurredAt - e.enteredAt <= within;
  }

  private liveVersionsFor(eventType: string): LoadedVersion[] {
    let hit = this.liveByEvent.get(eventType);
    if (!hit) this.liveByEvent.set(eventType, (hit = this.store.liveVersionIds(eventType).map((id) => this.versions.get(id))));
    return hit;
  }

  /** Applies the journey's entry rules; null when the member may not enter now. */
  private nextEntryNumber(v: LoadedVersion, memberId: string, now: number): number | null {
    return nextEntryNumber(v.doc.entry, this.store.previousEntries(v.journeyId, memberId), now);
  }

  private enrol(v: LoadedVersion, memberId: string, entryNo: number, env: EvalEnv): void {
    const now = env.now;
    const initial = initialSnapshot(v.machine, { journeyId: v.journeyId, memberId, enteredAt: now });
    // Not stored yet (id 0): `step` inserts it once, with its state after the first macrostep.
    const row: EnrolmentRow = {
      id: 0,
      journeyId: v.journeyId,
      versionId: v.id,
      memberId,
      entryNo,
      status: 'active',
      nodeId: null,
      snapshot: null,
      wakeAt: null,
      variant: null,
      exitReason: null,
      enteredAt: now,
      updatedAt: now,
      goalAt: null,
      nodeEnteredAt: null,
      goalUntil: goalDeadline(v.doc, now),
    };
    this.step(row, v, { type: 'journey.start', env: { ...env, enteredAt: now } }, initial);
  }

  /** One macrostep for one member: transition, then persist snapshot, steps and effects together. */
  protected step(e: EnrolmentRow, v: LoadedVersion, event: JourneyEvent, from?: JourneySnapshot): void {
    const prev = from ?? v.machine.resolveState(e.snapshot as Parameters<LoadedVersion['machine']['resolveState']>[0]);
    const [next, actions] = v.step(prev, event);
    const now = event.env.now;
    this.metrics.recordSteps(1, Date.now());
    if (this.stepBudget !== null && --this.stepBudget < 0) throw new StepBudgetExceeded();
    const visits = { ...prev.context.visits };
    // One step-log row per node pass, written when the member leaves the node; entries are counted as they happen.
    const moves: StepMove[] = [];
    const entered: string[] = [];
    const effects: { nodeId: string; visit: number; effect: Record<string, unknown> }[] = [];
    let nodeId = e.nodeId;
    let nodeEnteredAt = e.nodeEnteredAt ?? e.updatedAt;
    let atNode = nodeId !== null;

    for (const action of actions) {
      const params = (action.params ?? {}) as { nodeId: string; handle?: string; effect?: Record<string, unknown> };
      if (action.type === 'enter') {
        visits[params.nodeId] = (visits[params.nodeId] ?? 0) + 1;
        nodeId = params.nodeId;
        nodeEnteredAt = now;
        atNode = true;
        entered.push(params.nodeId);
      } else if (action.type === 'leave') {
        moves.push({ kind: 'pass', nodeId: params.nodeId, handle: params.handle, visit: visits[params.nodeId], at: nodeEnteredAt, leftAt: now });
        atNode = false;
      } else if (action.type === 'effect' && params.effect) {
        effects.push({ nodeId: params.nodeId, visit: visits[params.nodeId] ?? 1, effect: params.effect });
      }
    }

    const done = next.status === 'done';
    const exited = done && next.value === EXIT_STATE;
    // The journey ended at a node (an end, or an exit from wherever the member was): its pass has no handle.
    if (done && atNode && nodeId) moves.push({ kind: 'pass', nodeId, handle: null, visit: visits[nodeId], at: nodeEnteredAt, leftAt: now });
    if (event.type === 'journey.exit') moves.push({ kind: 'exit_journey', nodeId, handle: event.reason, at: now });

    const variants = Object.values(next.context.variants);
    const state = {
      snapshot: persistedSnapshot(next, visits),
      status: exited ? 'exited' : done ? 'completed' : 'waiting',
      nodeId,
      wakeAt: done ? null : next.context.wakeAt,
      variant: variants.length ? variants[variants.length - 1] : null,
      exitReason: event.type === 'journey.exit' ? event.reason : e.exitReason,
      updatedAt: now,
      nodeEnteredAt,
    } satisfies Parameters<EnrolmentStore['updateEnrolment']>[1];
    if (e.id === 0) e.id = this.store.insertEnrolment({ ...e, ...state });
    else this.store.updateEnrolment(e.id, state);

    this.store.insertSteps(moves.map((m) => this.stepRow(e, m)));
    this.store.countEntries(e, entered, now);
    // Tags, groups, assets, rewards and tasks are applied here, in this step's transaction (so the member's next
    // event sees them); messages wait in the outbox for the gateway. Later nodes of this same macrostep saw them
    // through the machine's own context (tagChanges…), since a transition cannot read the database.
    let changedMember = false;
    for (const row of effects.map((x) => effectRow(e, x.nodeId, x.visit, x.effect, event.env, now))) {
      if (!appliesInStep(row)) {
        this.store.insertEffects([row]);
        continue;
      }
      // Rows stay in the order their effects happened (the member's history and test runs list them by row).
      this.store.flushEffects();
      applyInStep(this.db, this.policyOnce, row, this.effectContext);
      changedMember = true;
    }
    if (changedMember) this.members.delete(e.memberId);
    this.coupons.drew(effects.map((x) => x.effect));
    for (const [variantNode, key] of Object.entries(next.context.variants)) {
      if (prev.context.variants[variantNode] !== key) this.store.recordVariant(e, variantNode, key, next.context.assignedVariants?.[variantNode] ?? null, now);
    }
  }

  private stepRow(e: EnrolmentRow, s: StepMove): StepRow {
    return { enrolmentId: e.id, journeyId: e.journeyId, versionId: e.versionId, memberId: e.memberId, ...s };
  }

}
