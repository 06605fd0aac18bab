import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertAudit, insertUser, userByEmail, userCount } from '@/db/auth-store';
import type { Role } from '@/auth/permissions';
import { readSetting } from '@/db/member-store';
import { hashPassword } from './passwords';

/** One account per role for the demo workspace; the login page shows them (never with SEED_DEMO=0). */
export const DEMO_ACCOUNTS: { email: string; password: string; role: Role; name: string }[] = [
  { email: 'admin@demo.local', password: 'demo-admin-2026', role: 'admin', name: 'Demo Admin' },
  { email: 'marketer@demo.local', password: 'demo-marketer-2026', role: 'marketer', name: 'Demo Marketer' },
  { email: 'approver@demo.local', password: 'demo-approver-2026', role: 'approver', name: 'Demo Approver' },
  { email: 'analyst@demo.local', password: 'demo-analyst-2026', role: 'analyst', name: 'Demo Analyst' },
  { email: 'viewer@demo.local', password: 'demo-viewer-2026', role: 'viewer', name: 'Demo Viewer' },
];

export const demoMode = () => process.env.SEED_DEMO !== '0';

/**
 * Demo accounts exist only in a workspace that really holds the demo data: a
 * brand's own database started without SEED_DEMO=0 gets no well-known passwords.
 */
export function demoAccountsActive(db: Db): boolean {
  return demoMode() && readSetting<string>(db, 'demo_seed') === 'done';
}

/**
 * On start: the first admin from ADMIN_EMAIL + ADMIN_PASSWORD when no user
 * exists yet, and in demo mode the demo accounts (each only if missing).
 */
export async function ensureUsers(db: Db, now = Date.now()): Promise<void> {
  const email = process.env.ADMIN_EMAIL?.trim();
  const password = process.env.ADMIN_PASSWORD;
  if (email && password && userCount(db) === 0) {
    if (password.length < 12) throw new Error('ADMIN_PASSWORD must have at least 12 characters');
    insertUser(db, { id: randomUUID(), email, name: email, role: 'admin', passwordHash: await hashPassword(password), createdAt: now });
    insertAudit(db, { at: now, actor: 'system', action: 'user.create', target: `user:${email.toLowerCase()}`, detail: { role: 'admin', from: 'ADMIN_EMAIL' } });
  }
  if (!demoAccountsActive(db)) return;
  for (const a of DEMO_ACCOUNTS) {
    if (userByEmail(db, a.email)) continue;
    insertUser(db, { id: randomUUID(), email: a.email, name: a.name, role: a.role, passwordHash: await hashPassword(a.password), createdAt: now });
  }
}
