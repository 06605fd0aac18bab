import { getAppRuntime } from '@/runtime/app-runtime';
import { guarded } from '@/server/auth/guard';
import { answerInputErrorsAsync, readJsonBody } from '@/server/http';

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
  // Validated once, in the engine (a bad event answers 400 naming its field before any lock is taken).
  return answerInputErrorsAsync(async () => Response.json(await getAppRuntime().runtime.acceptWhenWritable(read.body), { status: 202 }), 'event');
});
