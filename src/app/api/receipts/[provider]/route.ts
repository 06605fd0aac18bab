import { getAppRuntime } from '@/runtime/app-runtime';
import { handleReceipt } from '@/server/channel-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Delivery callbacks, authenticated by the provider's own receipt token (not a user or API key). */
export async function POST(req: Request, { params }: { params: Promise<{ provider: string }> }) {
  return handleReceipt(getAppRuntime().db, (await params).provider, req);
}
