import { z } from 'zod';
import { getAppRuntime } from '@/runtime/app-runtime';
import { csrfProblem, sessionCookie, signIn } from '@/server/auth/authenticate';
import { usersReady } from '@/server/auth/users-ready';
import { badRequest, readJsonBody } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const credentials = z.object({ email: z.string().trim().min(1, 'email is required').max(254), password: z.string().min(1, 'password is required').max(1024) }).strict();

/** `POST /api/auth/login {email, password}` → a session cookie. Same-site JSON only; attempts are limited per address and per account. */
export async function POST(req: Request) {
  const csrf = csrfProblem(req);
  if (csrf) return Response.json({ error: csrf }, { status: 403 });
  const read = await readJsonBody(req, 16 * 1024);
  if (!read.ok) return read.response;
  const parsed = credentials.safeParse(read.body);
  if (!parsed.success) return badRequest(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })), 'sign-in');
  await usersReady();
  const address = req.headers.get('x-forwarded-for')?.split(',')[0].trim() || req.headers.get('x-real-ip') || 'local';
  const result = await signIn(getAppRuntime().db, parsed.data.email, parsed.data.password, address);
  if (!result.ok) {
    return Response.json({ error: result.error }, { status: result.status, headers: result.retryAfter ? { 'retry-after': String(result.retryAfter) } : {} });
  }
  const secure = new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
  return Response.json({ ok: true }, { headers: { 'set-cookie': sessionCookie(result.token, secure) } });
}
