/**
 * Limits on untrusted JSON, checked without recursion: a payload nested
 * 10,000 deep or a 20 MB string gets a clear error naming where, never a
 * stack overflow later in the pipeline (zod, JSON.stringify, templates).
 */
export const LIMITS = {
  /** Nesting of objects and arrays inside one value (properties, attributes). */
  maxDepth: 16,
  /** Characters in any one string inside a value. */
  maxString: 16_384,
  /** Keys plus array items inside one value. */
  maxEntries: 2_000,
  /** Bytes of a whole request body. */
  maxBodyBytes: 32 * 1024 * 1024,
} as const;

/** Returns a message about the first limit `value` breaks, or null when it is within every limit. */
export function jsonLimitProblem(value: unknown, limits: { maxDepth?: number; maxString?: number; maxEntries?: number } = {}): string | null {
  const maxDepth = limits.maxDepth ?? LIMITS.maxDepth;
  const maxString = limits.maxString ?? LIMITS.maxString;
  const maxEntries = limits.maxEntries ?? LIMITS.maxEntries;
  const stack: [unknown, number][] = [[value, 0]];
  let entries = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > maxString) return `A text value is longer than ${maxString} characters`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return `Nested deeper than ${maxDepth} levels`;
    const children = Array.isArray(v) ? v : Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => [k, x]);
    entries += Array.isArray(v) ? v.length : children.length / 2;
    if (entries > maxEntries) return `More than ${maxEntries} keys and items`;
    for (const c of children) stack.push([c, depth + 1]);
  }
  return null;
}

/** Text that is safe as an identifier: no control characters (NUL, CR, LF…) and no lone surrogates from broken UTF-8. */
export function isCleanText(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
