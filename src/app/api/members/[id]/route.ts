import { actorName, can } from '@/auth/permissions';
import { maskProfile } from '@/analytics/masking';
import { insertAudit } from '@/db/auth-store';
import { profileView } from '@/members/profile-view';
import { getAppRuntime } from '@/runtime/app-runtime';
import { eraseMember } from '@/runtime/members';
import { guarded } from '@/server/auth/guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const unknown = (id: string) => Response.json({ error: `Unknown member "${id}"` }, { status: 404 });

/** `GET /api/members/:id`: the profile (personal data masked without pii:read), 404 when unknown or erased. */
export const GET = guarded('members:read', async (_req, principal, { params }: Params) => {
  const { id } = await params;
  const profile = profileView(getAppRuntime().db, id);
  if (!profile) return unknown(id);
  if (!can(principal, 'pii:read')) return Response.json(maskProfile(profile));
  // Personal data shown unmasked is an access to it: audited like an export.
  insertAudit(getAppRuntime().db, { at: Date.now(), actor: actorName(principal), action: 'member.unmask', target: `member:${id}`, detail: null });
  return Response.json(profile);
});

/** `DELETE /api/members/:id`: erasure (PIPL). Afterwards the member is unknown. */
export const DELETE = guarded('members:write', async (_req, principal, { params }: Params) => {
  const { id } = await params;
  const erased = eraseMember(getAppRuntime().runtime, id, actorName(principal));
  return erased ? Response.json({ erased: true, ...erased }) : unknown(id);
});
