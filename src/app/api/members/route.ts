import { parseProfiles } from '@/members/profile-schema';
import { getAppRuntime } from '@/runtime/app-runtime';
import { upsertMembers } from '@/runtime/members';
import { guarded } from '@/server/auth/guard';
import { answerInputErrors, badRequest, readJsonBody } from '@/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `POST /api/members`: one profile or an array (≤ 10,000), upserted by id; all-or-nothing, 400 names the bad field. */
export const POST = guarded('members:write', async (req) => {
  const read = await readJsonBody(req);
  if (!read.ok) return read.response;
  const parsed = parseProfiles(read.body);
  if (!parsed.ok) return badRequest(parsed.errors, 'profile');
  const single = !Array.isArray(read.body);
  return answerInputErrors(() => {
    const r = upsertMembers(getAppRuntime().runtime, parsed.profiles, { mode: 'all-or-nothing', prefix: (i) => (single ? '' : `[${i}]`) });
    return Response.json({ created: r.created, updated: r.updated, unchanged: r.unchanged }, { status: r.created > 0 ? 201 : 200 });
  }, 'profile');
});
