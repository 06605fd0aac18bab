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
}

/** Audience triggers enrol everyone matching at each run; anniversary triggers enrol each member on their own date. */
export type ScheduledTrigger =
  | { type: 'audience'; segment?: string; condition?: Condition; once?: string; cron?: string; tz?: string }
  | { type: 'anniversary'; attr: string; offsetDays: number; at: string; condition?: Condition };

/** Helper so each module keeps its config type while the registry stores them uniformly. */
export function defineNodeKind<C>(def: NodeKindDef<C>): NodeKindDef<Record<string, unknown>> {
  return def as unknown as NodeKindDef<Record<string, unknown>>;
}
