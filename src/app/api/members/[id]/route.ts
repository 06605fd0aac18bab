import { profileView } from '@/members/profile-view';
import { getAppRuntime } from '@/runtime/app-runtime';
import { eraseMember } from '@/runtime/members';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const unknown = (id: string) => Response.json({ error: `Unknown member "${id}"` }, { status: 404 });

/** `GET /api/members/:id`: the profile, 404 when unknown or erased. */
export async function GET(_req: Request, { params }: Params) {
  const { id } = await params;
  const profile = profileView(getAppRuntime().db, id);
  return profile ? Response.json(profile) : unknown(id);
}

/** `DELETE /api/members/:id`: erasure (PIPL). Afterwards the member is unknown. */
export async function DELETE(_req: Request, { params }: Params) {
  const { id } = await params;
  const erased = eraseMember(getAppRuntime().runtime, id, 'api');
  return erased ? Response.json({ erased: true, ...erased }) : unknown(id);
}
