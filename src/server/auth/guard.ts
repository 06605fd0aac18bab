import { can, type Permission, type Principal } from '@/auth/permissions';
import { getAppRuntime } from '@/runtime/app-runtime';
import { authenticate, csrfProblem } from './authenticate';

/** Everything the app has settled about a request before a route handler runs. */
export interface Guarded {
  principal: Principal;
}

const json = (status: number, error: string, headers: Record<string, string> = {}) => Response.json({ error }, { status, headers });

/**
 * The one check every API route and the tRPC endpoint go through: who is
 * asking (401), too often (429), from our own pages if by cookie (403), and
 * allowed to (403). Returns the principal, or the response to send instead.
 */
export function guard(req: Request, permission: Permission | null): { ok: true; principal: Principal } | { ok: false; response: Response } {
  const { db } = getAppRuntime();
  const auth = authenticate(db, req);
  if (!auth.ok) {
    const headers: Record<string, string> = auth.retryAfter ? { 'retry-after': String(auth.retryAfter) } : {};
    return { ok: false, response: json(auth.status, auth.error, headers) };
  }
  if (auth.viaCookie) {
    const csrf = csrfProblem(req);
    if (csrf) return { ok: false, response: json(403, csrf) };
  }
  if (permission && !can(auth.principal, permission)) return { ok: false, response: json(403, `Not allowed: needs ${permission}`) };
  return { ok: true, principal: auth.principal };
}

/** A route handler that runs only for principals with `permission`. */
export function guarded<A extends unknown[]>(permission: Permission, handler: (req: Request, principal: Principal, ...rest: A) => Promise<Response> | Response) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    const g = guard(req, permission);
    return g.ok ? handler(req, g.principal, ...rest) : g.response;
  };
}
