import { getAppRuntime } from '@/runtime/app-runtime';
import { handleClick } from '@/server/channel-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A tracked link in a message: public (members are not signed in); the token is the authorisation. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handleClick(getAppRuntime().db, (await params).token, req);
}
