import { afterEach, describe, expect, it } from 'vitest';
import { userByEmail } from '@/db/auth-store';
import { writeSetting } from '@/db/member-store';
import { makeEngine } from '@/test/fixtures';
import { ensureUsers } from './bootstrap';
import { verifyPassword } from './passwords';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('accounts on start', () => {
  it('demo accounts only where the demo data was really seeded', async () => {
    delete process.env.SEED_DEMO;
    const brand = makeEngine().db;
    await ensureUsers(brand);
    expect(userByEmail(brand, 'admin@demo.local')).toBeUndefined();
    const demo = makeEngine().db;
    writeSetting(demo, 'demo_seed', 'done');
    await ensureUsers(demo);
    const analyst = userByEmail(demo, 'analyst@demo.local')!;
    expect(analyst.role).toBe('analyst');
    expect(await verifyPassword('demo-analyst-2026', analyst.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', analyst.passwordHash)).toBe(false);
  });

  it('the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, only while nobody exists, and never with a short password', async () => {
    process.env.SEED_DEMO = '0';
    process.env.ADMIN_EMAIL = 'Owner@Brand.example';
    process.env.ADMIN_PASSWORD = 'short';
    await expect(ensureUsers(makeEngine().db)).rejects.toThrow('at least 12');
    process.env.ADMIN_PASSWORD = 'a long enough password';
    const { db } = makeEngine();
    await ensureUsers(db);
    expect(userByEmail(db, 'owner@brand.example')?.role).toBe('admin');
    process.env.ADMIN_EMAIL = 'second@brand.example';
    await ensureUsers(db);
    expect(userByEmail(db, 'second@brand.example')).toBeUndefined();
  });
});
