import type { Condition } from '@/journey';

/** The leaf tests a person builds a condition from in the inspector. */
export type RuleKind = 'attr' | 'tag' | 'segment' | 'event';
export type AttrLeaf = Extract<Condition, { attr: string }>;
export type EventLeaf = Extract<Condition, { event: string }>;
export type RuleLeaf = AttrLeaf | Extract<Condition, { tag: string }> | Extract<Condition, { segment: string }> | EventLeaf;

export interface Rule {
  /** Wrapped in `{ not: … }`: "does not have the tag", "did not buy". */
  negate: boolean;
  leaf: RuleLeaf;
}

/** A flat list of rules joined by all (AND) or any (OR): the shape marketers can edit in a form. */
export interface RuleSet {
  match: 'all' | 'any';
  rules: Rule[];
}

export function ruleKind(leaf: RuleLeaf): RuleKind {
  if ('attr' in leaf) return 'attr';
  if ('tag' in leaf) return 'tag';
  if ('segment' in leaf) return 'segment';
  return 'event';
}

function asLeaf(c: Condition): RuleLeaf | null {
  return 'attr' in c || 'tag' in c || 'segment' in c || 'event' in c ? c : null;
}

function asRule(c: Condition): Rule | null {
  if ('not' in c) {
    const leaf = asLeaf(c.not);
    return leaf ? { negate: true, leaf } : null;
  }
  const leaf = asLeaf(c);
  return leaf ? { negate: false, leaf } : null;
}

/**
 * Reads a condition as a flat rule list, or null when it is nested deeper than the
 * form can show (groups inside groups, time windows): those stay editable as JSON.
 */
export function toRuleSet(c: Condition | undefined): RuleSet | null {
  if (!c) return { match: 'all', rules: [] };
  const group = 'all' in c ? { match: 'all' as const, items: c.all } : 'any' in c ? { match: 'any' as const, items: c.any } : null;
  if (!group) {
    const rule = asRule(c);
    return rule ? { match: 'all', rules: [rule] } : null;
  }
  const rules = group.items.map(asRule);
  return rules.every((r): r is Rule => r !== null) ? { match: group.match, rules } : null;
}

/** The smallest condition for a rule list: no wrapper for one rule, none at all for zero. */
export function fromRuleSet(set: RuleSet): Condition | undefined {
  const items = set.rules.map((r): Condition => (r.negate ? { not: r.leaf } : r.leaf));
  if (items.length === 0) return undefined;
  if (items.length === 1) return items[0];
  return set.match === 'all' ? { all: items } : { any: items };
}

/** Where a rule's leaf sits in the condition it came from, for matching validation paths. */
export function rulePath(prefix: string, set: RuleSet, index: number): string {
  const base = set.rules.length === 1 ? prefix : `${prefix}.${set.match}.${index}`;
  return set.rules[index]?.negate ? `${base}.not` : base;
}

/** A fresh rule of a kind; blank fields make the form ask for them. */
export function blankRule(kind: RuleKind): Rule {
  const leaves: Record<RuleKind, RuleLeaf> = {
    attr: { attr: '', op: 'eq', value: '' },
    tag: { tag: '' },
    segment: { segment: '' },
    event: { event: '' },
  };
  return { negate: false, leaf: leaves[kind] };
}

const listOps = new Set(['in', 'nin', 'between']);

/** The comparison value as typed: lists for in / not in / between, numbers where the text is a number. */
export function parseAttrValue(op: string, text: string): unknown {
  const scalar = (s: string) => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : s.trim());
  if (listOps.has(op)) return text.split(/[,，]/).map(scalar);
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
}

export function showAttrValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** Changing the operator keeps the value sensible: `exists` takes none, list operators take a list. */
export function withOp(leaf: AttrLeaf, op: AttrLeaf['op']): AttrLeaf {
  const { value, ...rest } = leaf;
  if (op === 'exists') return { ...rest, op };
  return { ...rest, op, value: parseAttrValue(op, showAttrValue(value)) };
}
