/** Canonical JSON: object keys sorted, so equal documents serialise identically. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** FNV-1a, 32 bit: small, stable across platforms, good enough spread for bucketing. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3 finaliser: FNV alone leaves the low bits (used by `% 10 000`) poorly mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic bucket in [0, 10 000) for a member in an experiment (DESIGN.md "Splits"). */
export function assignmentBucket(journeyId: string, experiment: string, memberId: string): number {
  return fnv1a(`${journeyId}\u0000${experiment}\u0000${memberId}`) % 10_000;
}

/** Whether a member is in a journey's holdout (global control): the same hashing as splits, with "holdout" as the experiment key. */
export function isHeldOut(journeyId: string, memberId: string, percent: number | undefined): boolean {
  return !!percent && percent > 0 && assignmentBucket(journeyId, 'holdout', memberId) < Math.round(percent * 100);
}
