import { parseIncomingEvents } from '@/runtime/event-input';
import { UnknownMembersError } from '@/runtime/engine';
import { getAppRuntime } from '@/runtime/app-runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `POST /api/events`: one event or an array; all-or-nothing, 400 names the bad field. */
export async function POST(req: Request) {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return Response.json({ error: 'Body is not valid JSON', errors: [{ field: 'body', message: 'Body is not valid JSON' }] }, { status: 400 });
  }
  const parsed = parseIncomingEvents(body);
  if (!parsed.ok) return Response.json({ error: `Invalid event: ${parsed.errors[0].field}`, errors: parsed.errors }, { status: 400 });
  try {
    const result = getAppRuntime().runtime.ingest(parsed.events);
    return Response.json(result, { status: 202 });
  } catch (err) {
    if (err instanceof UnknownMembersError) {
      return Response.json({ error: `Invalid event: ${err.fields[0].field}`, errors: err.fields }, { status: 400 });
    }
    throw err;
  }
}
