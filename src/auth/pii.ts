/** Member fields masked for people without pii:read. */
export const PII_FIELDS = ['phone', 'email', 'birthday'] as const;

/**
 * The masked fields a condition tests. A rule on `phone` answers yes or no
 * about a value the caller may not see: asked often enough, it spells the
 * value out. Walked without recursion (conditions are depth-limited anyway).
 */
export function piiFieldsIn(condition: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [condition];
  while (stack.length) {
    const c = stack.pop();
    if (!c || typeof c !== 'object') continue;
    const o = c as Record<string, unknown>;
    if (typeof o.attr === 'string') {
      const root = o.attr.split('.')[0];
      if ((PII_FIELDS as readonly string[]).includes(root) || root === 'identities') found.add(o.attr);
    }
    for (const key of ['all', 'any']) if (Array.isArray(o[key])) stack.push(...(o[key] as unknown[]));
    if (o.not) stack.push(o.not);
  }
  return [...found];
}
