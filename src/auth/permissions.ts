/**
 * Who may do what: the one permission table. Every tRPC procedure and API
 * route names the permission it needs; the server checks it, the UI only
 * reads it to hide what would be refused anyway. Pure: no I/O.
 */
export const ROLES = ['admin', 'marketer', 'approver', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'journeys:read', // journeys, versions, drafts, the canvas
  'journeys:write', // create, save drafts, import documents
  'journeys:test', // test runs of drafts
  'journeys:publish', // request a publish (goes live when approved), declare a winner
  'journeys:approve', // approve or reject a publish request
  'journeys:lifecycle', // pause, resume, archive
  'analytics:read', // reports, funnels, experiments, crowds (masked)
  'crowds:export', // CSV of a crowd
  'members:read', // members list and profiles (masked)
  'members:write', // profiles, imports, erasure
  'segments:write', // saved segments and static groups
  'events:ingest', // POST /api/events, events.ingest
  'pii:read', // phone, email, birthday and identities unmasked
  'runtime:read', // runtime stats
  'runtime:operate', // retry dead letters and other operations
  'audit:read', // the audit log
  'users:admin', // users, roles, API keys, settings
  'channels:admin', // Settings → Channels: providers, their credentials, test messages
  'inbox:read', // GET /api/inbox/:memberId and read receipts (the brand's app, with an ingest key)
  'coupons:write', // coupon pools: create, upload or generate codes (reading them needs journeys:read)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const read: Permission[] = ['journeys:read', 'analytics:read', 'members:read', 'runtime:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  marketer: [...read, 'journeys:write', 'journeys:test', 'journeys:publish', 'journeys:lifecycle', 'crowds:export', 'segments:write', 'events:ingest', 'members:write', 'coupons:write'],
  approver: [...read, 'journeys:approve', 'audit:read'],
  analyst: [...read, 'crowds:export'],
  viewer: read,
};

/** What an API key of each scope may do: `ingest` feeds events and members and serves the in-app inbox, nothing else. */
export const SCOPE_PERMISSIONS = {
  ingest: ['events:ingest', 'members:write', 'inbox:read'] as readonly Permission[],
  admin: PERMISSIONS as readonly Permission[],
};
export type KeyScope = keyof typeof SCOPE_PERMISSIONS;

/** Who is asking: a signed-in person, an API key, or the admin key from the environment. */
export type Principal =
  | { kind: 'user'; id: string; email: string; name: string; role: Role }
  | { kind: 'key'; id: string; name: string; scope: KeyScope }
  | { kind: 'system'; name: string };

export function permissionsOf(p: Principal): readonly Permission[] {
  if (p.kind === 'user') return ROLE_PERMISSIONS[p.role];
  if (p.kind === 'key') return SCOPE_PERMISSIONS[p.scope];
  return PERMISSIONS;
}

export function can(p: Principal | null | undefined, permission: Permission): boolean {
  return !!p && permissionsOf(p).includes(permission);
}

/** How the principal appears in the audit log. */
export function actorName(p: Principal | null | undefined): string {
  if (!p) return 'anonymous';
  if (p.kind === 'user') return `user:${p.email}`;
  if (p.kind === 'key') return `key:${p.name}`;
  return p.name;
}
