import { describe, expect, it } from 'vitest';
import { insertAudit } from '@/db/auth-store';
import { count, makeEngine } from '@/test/fixtures';
import { purgeOldAudit } from './audit-retention';

const DAY = 24 * 3600_000;

describe('audit retention', () => {
  it('purges rows past the retention period but never anything younger than 180 days', () => {
    const { db } = makeEngine();
    const now = Date.parse('2026-12-01T00:00:00Z');
    for (const age of [10, 179, 181, 400]) insertAudit(db, { at: now - age * DAY, actor: 'test', action: 'x', target: 't', detail: null });
    expect(purgeOldAudit(db, now, 30)).toBe(2);
    expect(count(db, 'select count(*) n from audit_log')).toBe(2);
    expect(purgeOldAudit(db, now, 365)).toBe(0);
  });
});
