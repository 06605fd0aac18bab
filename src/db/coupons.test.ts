import { describe, expect, it } from 'vitest';
import { isInputError } from '@/members/errors';
import { openDb } from './client';
import { parseCodeCsv, MAX_CSV_CHARS } from './coupon-csv';
import { issueCode, issuedCodeFor, redeemCode } from './coupon-issue';
import { availableCodes, createPool, generateCodes, getPool, poolCounts, uploadCodes } from './coupons';

const T = Date.parse('2026-11-02T08:00:00Z');
const DAY = 86_400_000;
const req = (poolId: string, key: string, memberId = 'm1') => ({ poolId, idempotencyKey: key, memberId, journeyId: 'j1', enrolmentId: 1, nodeId: 'r' });

describe('coupon CSV upload', () => {
  it('one code per line: blank lines skipped, invalid, repeated and multi-value lines rejected by line number', () => {
    const csv = ['AAA-1', 'BBB-2', '', 'has space', 'AAA-1', 'CCC,DDD', '"EEE-5"', 'x'.repeat(65)].join('\n');
    const parsed = parseCodeCsv(csv);
    expect(parsed.codes).toEqual([
      { line: 1, code: 'AAA-1' },
      { line: 2, code: 'BBB-2' },
      { line: 7, code: 'EEE-5' },
    ]);
    expect(parsed.rejected).toEqual([
      { line: 4, reason: 'invalid', code: 'has space' },
      { line: 5, reason: 'duplicate', code: 'AAA-1', firstLine: 1 },
      { line: 6, reason: 'columns' },
      { line: 8, reason: 'invalid', code: 'x'.repeat(65) },
    ]);
  });

  it('a `code` column among others (header in any case, with a BOM from Excel)', () => {
    const parsed = parseCodeCsv('\uFEFFbatch,Code,note\n1,X1,a\n1,,b\n2,X2,"c, d"\n');
    expect(parsed.codes.map((c) => c.code)).toEqual(['X1', 'X2']);
    expect(parsed.rejected).toEqual([{ line: 3, reason: 'invalid', code: '' }]);
  });

  it('a file over the size limit or not CSV at all is refused as a whole, naming csv', () => {
    const tooBig = () => parseCodeCsv('A'.repeat(MAX_CSV_CHARS + 1));
    expect(tooBig).toThrow(/larger than 5 MB/);
    try {
      parseCodeCsv('ok\n"unclosed\n');
      expect.unreachable();
    } catch (err) {
      expect(isInputError(err) && err.fields[0].field).toBe('csv');
    }
  });

  it('upload keeps the good lines, reports codes already in the pool, and stores nothing for a refused file', () => {
    const db = openDb(':memory:');
    const pool = createPool(db, { name: 'Winter 20' }, 'test', T);
    expect(uploadCodes(db, pool, 'A1\nA2\nA2\n', T)).toEqual({ added: 2, rejected: [{ line: 3, reason: 'duplicate', code: 'A2', firstLine: 2 }], rejectedCount: 1 });
    expect(uploadCodes(db, pool, 'code\nA2\nA3\n', T)).toEqual({ added: 1, rejected: [{ line: 2, reason: 'exists', code: 'A2' }], rejectedCount: 1 });
    expect(() => uploadCodes(db, pool, '"broken\n', T)).toThrow(/Not a readable CSV/);
    expect(() => uploadCodes(db, 'pool_nope', 'Z1\n', T)).toThrow(/No coupon pool/);
    expect(poolCounts(db, pool, T)).toEqual({ available: 3, issued: 0, redeemed: 0, expired: 0, total: 3 });
  });
});

describe('coupon pools', () => {
  it('generates distinct random codes of the readable alphabet, with a prefix', () => {
    const db = openDb(':memory:');
    const pool = createPool(db, { name: 'Gen' }, 'test', T);
    expect(generateCodes(db, pool, 500, T, { prefix: 'VIP-' })).toEqual({ added: 500 });
    const codes = db.$client.prepare('select code from coupon_codes where pool_id = ?').pluck().all(pool) as string[];
    expect(new Set(codes).size).toBe(500);
    for (const c of codes) expect(c).toMatch(/^VIP-[A-HJ-NP-Z2-9]{12}$/);
    expect(() => generateCodes(db, pool, 0, T)).toThrow(/between 1 and/);
    expect(() => generateCodes(db, pool, 5, T, { prefix: 'bad prefix' })).toThrow(/prefix/);
  });

  it('issues each code once, the same code again for the same key, and reports exhaustion and expiry', () => {
    const db = openDb(':memory:');
    const pool = createPool(db, { name: 'Two', expiresAt: T + 10 * DAY, lowStock: 5 }, 'test', T);
    uploadCodes(db, pool, 'C1\nC2\n', T);
    const first = issueCode(db, req(pool, 'k1', 'm1'), T);
    const again = issueCode(db, req(pool, 'k1', 'm1'), T + 1);
    const second = issueCode(db, req(pool, 'k2', 'm2'), T);
    expect(first).toEqual({ code: 'C1' });
    expect(again).toEqual({ code: 'C1' });
    expect(second).toEqual({ code: 'C2' });
    expect(issueCode(db, req(pool, 'k3', 'm3'), T)).toEqual({ skipped: 'pool_exhausted' });
    expect(issueCode(db, req('pool_nope', 'k4'), T)).toEqual({ skipped: 'unknown_pool' });
    expect(getPool(db, pool, T)).toMatchObject({ counts: { available: 0, issued: 2, redeemed: 0, expired: 0, total: 2 }, low: true });

    uploadCodes(db, pool, 'C3\n', T);
    expect(availableCodes(db, pool, T)).toBe(1);
    // Past the pool's expiry: nothing is available or issued any more, every unredeemed code counts as expired.
    expect(redeemCode(db, 'm2', { code: 'C2' }, T + DAY)).toBe('redeemed');
    const later = T + 11 * DAY;
    expect(availableCodes(db, pool, later)).toBe(0);
    expect(issueCode(db, req(pool, 'k5', 'm5'), later)).toEqual({ skipped: 'pool_expired' });
    expect(poolCounts(db, pool, later)).toEqual({ available: 0, issued: 0, redeemed: 1, expired: 2, total: 3 });
    expect(redeemCode(db, 'm1', { code: 'C1' }, later)).toBe('expired');
  });

  it('redemption: only the member the code was issued to, once; the code found with or without its pool', () => {
    const db = openDb(':memory:');
    const a = createPool(db, { name: 'A' }, 'test', T);
    const b = createPool(db, { name: 'B' }, 'test', T);
    uploadCodes(db, a, 'SAME\n', T);
    uploadCodes(db, b, 'SAME\n', T);
    issueCode(db, req(a, 'ka', 'm1'), T);
    issueCode(db, { ...req(b, 'kb', 'm2'), journeyId: 'j2' }, T);
    expect(redeemCode(db, 'm3', { code: 'SAME' }, T)).toBe('unknown_code');
    expect(redeemCode(db, 'm1', { code: 'SAME', poolId: b }, T)).toBe('unknown_code');
    expect(redeemCode(db, 'm2', { code: 'SAME', poolId: b }, T)).toBe('redeemed');
    expect(redeemCode(db, 'm2', { code: 'SAME' }, T)).toBe('already_redeemed');
    expect(poolCounts(db, a, T)).toMatchObject({ issued: 1, redeemed: 0 });
    expect(poolCounts(db, b, T)).toMatchObject({ issued: 0, redeemed: 1 });
    expect(issuedCodeFor(db, 'm1', 'j1', 1)).toBe('SAME');
    expect(issuedCodeFor(db, 'm1', 'j2', 1)).toBeNull();
  });
});
