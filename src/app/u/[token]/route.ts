import { getAppRuntime } from '@/runtime/app-runtime';
import { handleUnsubscribe } from '@/server/channel-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ token: string }> };

/** One-click unsubscribe (RFC 8058): public; GET confirms, POST unsubscribes. */
export async function GET(req: Request, { params }: Params) {
  return handleUnsubscribe(getAppRuntime().db, (await params).token, req);
}

export async function POST(req: Request, { params }: Params) {
  return handleUnsubscribe(getAppRuntime().db, (await params).token, req);
}
