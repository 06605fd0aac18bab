import type { z } from 'zod';
import type { Bilingual, Locale } from '../i18n-text';
import type { JourneyDocument, JourneyNode } from '../document';
import type { Condition, EvalEnv, EventFacts } from '../conditions';

export type NodeCategory = 'trigger' | 'flow' | 'condition' | 'split' | 'action';

export interface HandleDef {
  id: string;
  label: Bilingual;
}

/** A JSON-only XState state config: guards and actions are referenced by name with params. */
export interface StateJson {
  type?: 'final';
  entry?: ActionJson[];
  always?: TransitionJson | TransitionJson[];
  on?: Record<string, TransitionJson | TransitionJson[]>;
}
export interface ActionJson {
  type: string;
  params?: Record<string, unknown>;
}
export interface TransitionJson {
  target?: string;
  /** Leave and enter the state again when the target is the state itself. */
  reenter?: boolean;
  guard?: { type: string; params?: Record<string, unknown> };
  actions?: ActionJson[];
}

export interface CompileContext {
  doc: JourneyDocument;
  node: JourneyNode;
  /** The transition that leaves this node by a handle, logging the handle taken. */
  leave(handle: string, extra?: Omit<TransitionJson, 'target' | 'actions'> & { actions?: ActionJson[] }): TransitionJson;
}

export interface ConfigProblem {
  path: string;
  message: Bilingual;
}

/**
 * One node kind = one module in this folder. Everything that differs from kind to kind lives in its
 * definition, and the rest of the app reads it from the registry (nodes/index.ts) instead of testing
 * `kind === '…'`; src/journey/no-kind-switch.test.ts fails on such a test outside this folder.
 *
 * What a definition carries, and who reads it:
 * - config schema, default and `examples` — validation, the inspector's field issues, the contract suite
 *   (src/test/kind-contract.test.ts), the property test's and the differential test's generated journeys;
 * - handles, compile — compile.ts (the XState machine), the canvas and validation of edges;
 * - `listensTo` — publish (the version's indexed trigger event), the test run, the canvas's goal edges;
 * - `pickerNames`, `idPrefix`, `reentryDefault` — the editor;
 * - `experiment` — A/B analytics, the report and "declare winner";
 * - `sends`, `grants` — the publish review and the webhook allow-list;
 * - `messages` — the Chinese of the fixed validation messages the schema writes in English.
 * How an effect applies in the database stays in src/runtime/delivery.ts (it needs I/O; this folder has none).
 * The UI half of a kind (its inspector form and icon) is one module in src/components/canvas/inspector/kinds/.
 *
 * Design notes: definitions are plain data plus pure functions, so the same module runs in the browser
 * (live validation, the palette) and in the engine. Functions the editor or the publish review call
 * (`listensTo`, `pickerNames`, `sends`, `grants`, `experiment.of`) may get a config that is not valid yet
 * and read it defensively; `compile`, `summary`, `triggeredBy` and `scheduled` get a parsed one. Tests
 * add kinds with `registerNodeKind` (nodes/index.ts) — see src/test/new-kind.test.ts.
 */
export interface NodeKindDef<C = Record<string, unknown>> {
  kind: string;
  category: NodeCategory;
  label: Bilingual;
  description: Bilingual;
  /** A short glyph for the palette and node header. */
  icon: string;
  configSchema: z.ZodType<C>;
  defaultConfig: C;
  /** Output handles for a given config (branches and splits depend on it). */
  handles(config: C): HandleDef[];
  /** Triggers have no input handle. */
  hasInput: boolean;
  /** Waits are the only nodes a cycle may pass through. */
  isWait?: boolean;
  /** One line showing the configuration at a glance, e.g. "Wait 3 days". */
  summary(config: C, locale: Locale): string;
  /** Checks that need more than the schema. */
  check?(config: C): ConfigProblem[];
  compile(config: C, ctx: CompileContext): StateJson;
  /** For trigger kinds: does an incoming event start this journey? */
  triggeredBy?(config: C, event: EventFacts, env: EvalEnv): boolean;
  /** For time-driven trigger kinds: when and whom the runtime's scheduler enrols. */
  scheduled?(config: C): ScheduledTrigger;
  /** Valid configs (at least one): the contract suite validates and compiles each, the property test builds journeys from them. */
  examples: C[];
  /**
   * Member events this node reacts to, and the handle a member leaves by when one arrives. A trigger's
   * first one is stored with the published version, so ingest looks only at journeys listening for an
   * incoming event type (`triggeredBy` then decides); the test run sends it to start the member.
   * The canvas calls it with a config being edited, which may not be valid yet.
   */
  listensTo?(config: C): { event: string; handle: string }[];
  /** Names this node adds to the editor's pickers (a tag it sets is a tag a branch may test). */
  pickerNames?(config: C): { tags?: string[]; groups?: string[] };
  /** Start of new node ids ("msg" → msg1, msg2); the default is the kind's last word. */
  idPrefix?: string;
  /** Recurring triggers: the re-entry a journey with the untouched default ("never") gets when this trigger is dropped. */
  reentryDefault?: { minInterval: string };
  /** A/B nodes: the experiment they run (analytics, report) and how "declare winner" rewrites the config. */
  experiment?: {
    of(config: C): { experiment: string; variants: { key: string; weight: number; control?: boolean }[]; winner: string | null };
    withWinner(config: C, variant: string): C;
  };
  /** Message nodes: the channel (and a webhook's URL), for the publish review and the outbound allow-list. */
  sends?(config: C): { channel: string; url?: string };
  /** Reward nodes: what a member is given, for the publish review. */
  grants?(config: C): { reward: unknown; budget: unknown };
  /** Fixed messages the schema writes in English, with their Chinese (see messages-zh.ts). */
  messages?: Bilingual[];
}

/** Audience triggers enrol everyone matching at each run; anniversary triggers enrol each member on their own date. */
export type ScheduledTrigger =
  | { type: 'audience'; segment?: string; condition?: Condition; once?: string; cron?: string; tz?: string }
  | { type: 'anniversary'; attr: string; offsetDays: number; at: string; condition?: Condition };

/**
 * A kind as its module exports it: the registry's uniform shape, remembering (in the type only) the config
 * type the module inferred from its schema, so the kind's inspector form is typed by `z.infer` of it.
 */
export type DefinedNodeKind<C> = NodeKindDef<Record<string, unknown>> & { readonly configType?: C };

/** The config type of a kind module's default export: `z.infer` of its schema. */
export type KindConfig<K> = K extends { readonly configType?: infer C } ? Exclude<C, undefined> : never;

/** Helper so each module keeps its config type while the registry stores them uniformly. */
export function defineNodeKind<C>(def: NodeKindDef<C>): DefinedNodeKind<C> {
  return def as unknown as DefinedNodeKind<C>;
}
