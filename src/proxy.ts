import { NextResponse, type NextRequest } from 'next/server';
import { getAppRuntime } from '@/runtime/app-runtime';
import { authenticate } from '@/server/auth/authenticate';

/**
 * Pages need a signed-in person (or a bearer key): anyone else is sent to
 * /login. API routes answer for themselves (401 JSON) through the same
 * `authenticate`, so this only guards what a browser navigates to.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  // Tracked links and one-click unsubscribes are opened by members, who never sign in: the random token authorises them.
  if (pathname === '/login' || /^\/[ru]\/[^/]+$/.test(pathname)) return NextResponse.next();
  const auth = authenticate(getAppRuntime().db, req);
  if (auth.ok) return NextResponse.next();
  const login = new URL('/login', req.url);
  if (pathname !== '/') login.searchParams.set('next', pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but the API (guarded per route), Next's own assets and public files.
  matcher: ['/((?!api/|_next/|favicon\\.ico|.*\\.(?:png|svg|jpg|ico|woff2?|txt)$).*)'],
};
