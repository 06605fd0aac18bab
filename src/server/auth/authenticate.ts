import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/db/client';
import { apiKeyByHash, deleteSession, insertAudit, insertSession, sessionUser, touchApiKey, updateUser, userByEmail } from '@/db/auth-store';
import type { Principal } from '@/auth/permissions';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { RateLimiter } from './rate-limit';

export const SESSION_COOKIE = 'jc_session';
export const SESSION_HOURS = 12;
/** Failed sign-ins in a row that lock an account, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const holder = globalThis as unknown as { __journeyLimits?: { keys: RateLimiter; signIn: RateLimiter } };
/** Per-key request budget and per-address sign-in attempts, shared by every bundle of the app. */
function limits() {
  return (holder.__journeyLimits ??= {
    keys: new RateLimiter(Number(process.env.API_KEY_RATE_PER_MINUTE ?? 1200), 60_000),
    signIn: new RateLimiter(Number(process.env.SIGN_IN_RATE_PER_10_MINUTES ?? 30), 600_000),
  });
}

export type Authentication =
  | { ok: true; principal: Principal; viaCookie: boolean }
  | { ok: false; status: 401 | 429; error: string; retryAfter?: number };

function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

/** Who sent the request: a bearer key (the environment's admin key or a stored one), else a session cookie. */
export function authenticate(db: Db, req: Request, now = Date.now()): Authentication {
  const auth = req.headers.get('authorization');
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!match) return { ok: false, status: 401, error: 'Authorization must be "Bearer <key>"' };
    const key = match[1];
    const envKey = process.env.JOURNEY_ADMIN_KEY;
    if (envKey && sameSecret(key, envKey)) return { ok: true, principal: { kind: 'system', name: 'key:JOURNEY_ADMIN_KEY' }, viaCookie: false };
    const stored = apiKeyByHash(db, sha256(key));
    if (!stored) return { ok: false, status: 401, error: 'Unknown or revoked API key' };
    const wait = limits().keys.take(stored.id, now);
    if (wait > 0) return { ok: false, status: 429, error: `Rate limit of API key "${stored.name}" reached`, retryAfter: Math.ceil(wait / 1000) };
    // Once a minute is precise enough for "last used", and keeps a write off every request.
    if (!stored.lastUsedAt || now - stored.lastUsedAt > 60_000) touchApiKey(db, stored.id, now);
    return { ok: true, principal: { kind: 'key', id: stored.id, name: stored.name, scope: stored.scope }, viaCookie: false };
  }
  const token = cookieValue(req, SESSION_COOKIE);
  if (token) {
    const user = sessionUser(db, sha256(token), now);
    if (user) return { ok: true, principal: { kind: 'user', id: user.id, email: user.email, name: user.name, role: user.role }, viaCookie: true };
    return { ok: false, status: 401, error: 'Session expired: sign in again' };
  }
  return { ok: false, status: 401, error: 'Sign in or send Authorization: Bearer <key>' };
}

/**
 * A cookie-authenticated change must come from our own pages: same-origin
 * `Origin` (or `Referer`) and a JSON body. Cross-site forms and `text/plain`
 * posts — which browsers send without a preflight — are refused.
 */
export function csrfProblem(req: Request): string | null {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return null;
  if (req.headers.get('sec-fetch-site') === 'cross-site') return 'Cross-site request refused';
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  const origin = req.headers.get('origin') ?? originOf(req.headers.get('referer'));
  if (!origin || !host || new URL(origin).host !== host) return 'Request must come from this site (Origin header)';
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return 'Send the body as application/json';
  return null;
}

function originOf(url: string | null): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

export type SignIn = { ok: true; token: string; userId: string } | { ok: false; status: 401 | 423 | 429; error: string; retryAfter?: number };

/** Email + password → a new session token; lockout after LOCKOUT.failures failures in a row, per-address attempt budget. */
export async function signIn(db: Db, email: string, password: string, address: string, now = Date.now()): Promise<SignIn> {
  const wait = limits().signIn.take(address, now);
  if (wait > 0) return { ok: false, status: 429, error: 'Too many sign-in attempts: try again later', retryAfter: Math.ceil(wait / 1000) };
  const user = userByEmail(db, email);
  const audit = (action: string, detail?: unknown) => insertAudit(db, { at: now, actor: `user:${email.trim().toLowerCase()}`, action, target: user ? `user:${user.id}` : 'user:unknown', detail: detail ?? { address } });
  if (user?.lockedUntil && user.lockedUntil > now) {
    audit('auth.sign_in_locked');
    return { ok: false, status: 423, error: 'Account locked after repeated failures: try again later', retryAfter: Math.ceil((user.lockedUntil - now) / 1000) };
  }
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabledAt) {
    if (user) {
      const failures = user.failedSignIns + 1;
      const lock = failures >= LOCKOUT.failures ? now + LOCKOUT.minutes * 60_000 : null;
      updateUser(db, user.id, { failedSignIns: lock ? 0 : failures, lockedUntil: lock });
      if (lock) audit('auth.locked', { address, failures });
    }
    audit('auth.sign_in_failed');
    return { ok: false, status: 401, error: 'Wrong email or password' };
  }
  updateUser(db, user.id, { failedSignIns: 0, lockedUntil: null });
  const token = randomBytes(32).toString('base64url');
  insertSession(db, { tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt: now + SESSION_HOURS * 3600_000 });
  audit('auth.sign_in');
  return { ok: true, token, userId: user.id };
}

export function signOut(db: Db, req: Request, actor: string, now = Date.now()): void {
  const token = cookieValue(req, SESSION_COOKIE);
  if (!token) return;
  deleteSession(db, sha256(token));
  insertAudit(db, { at: now, actor, action: 'auth.sign_out', target: actor, detail: null });
}

/** A new API key: the secret is returned once; only its hash is stored. */
export function newApiKeySecret(): { id: string; secret: string; prefix: string; hash: string } {
  const secret = `jk_${randomBytes(24).toString('base64url')}`;
  return { id: randomUUID(), secret, prefix: secret.slice(0, 10), hash: sha256(secret) };
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
