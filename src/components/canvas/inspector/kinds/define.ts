import type { ComponentType } from 'react';
import type { LucideIcon } from 'lucide-react';
import type { DefinedNodeKind, KindConfig } from '@/journey/nodes/types';
import type { IssueLookup } from '../config-issues';

/**
 * What a kind's form gets: its config, typed by `z.infer` of the kind's schema (while being edited it may
 * still be incomplete or wrong), and the kind's own validation by field. The inspector computes the issues
 * once, from the kind's schema and checks, for every form: a form never restates a rule of the schema.
 */
export interface KindFormProps<C> {
  config: C;
  onChange(config: C): void;
  issues: IssueLookup;
}

/** The form of a kind module's default export (e.g. `KindForm<typeof actionTag>`). */
export type KindForm<K> = ComponentType<KindFormProps<KindConfig<K>>>;

/** The UI half of a node kind: its canvas icon and its inspector form. */
export interface KindUi {
  kind: string;
  icon: LucideIcon;
  /**
   * The inspector form; `'json'` declares the kind JSON-only (edited as JSON, or "no settings" when its
   * default config is empty). Every kind is one or the other: inspector/kinds/kinds.test.ts checks.
   */
  form: ComponentType<KindFormProps<Record<string, unknown>>> | 'json';
}

/** Keys a form by its kind; the kind's definition types the form's config. */
export function defineKindUi<K extends DefinedNodeKind<unknown>>(def: K, ui: { icon: LucideIcon; form: KindForm<K> | 'json' }): KindUi {
  return { kind: def.kind, icon: ui.icon, form: ui.form as KindUi['form'] };
}
