import { parseIncomingEvents } from '@/runtime/event-input';
import { getAppRuntime } from '@/runtime/app-runtime';
import { guarded } from '@/server/auth/guard';
import { answerInputErrorsAsync, badRequest, readJsonBody } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * `POST /api/events`: one event or an array; all-or-nothing, 400 names the bad
 * field. The events are committed to the inbox and answered 202 at once; the
 * engine workers step the members.
 */
export const POST = guarded('events:ingest', async (req) => {
  const read = await readJsonBody(req);
  if (!read.ok) return read.response;
  const parsed = parseIncomingEvents(read.body);
  if (!parsed.ok) return badRequest(parsed.errors, 'event');
  return answerInputErrorsAsync(async () => Response.json(await getAppRuntime().runtime.acceptWhenWritable(parsed.events), { status: 202 }), 'event');
});
