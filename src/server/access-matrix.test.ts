import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { can, PERMISSIONS, ROLES, type Permission, type Principal } from '@/auth/permissions';
import { appRouter } from '@/server/root';
import { makeEngine } from '@/test/fixtures';

type AnyProcedure = { _def: { meta?: { permission?: Permission } } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures);

const asRole = (role: (typeof ROLES)[number]): Principal => ({ kind: 'user', id: `u-${role}`, email: `${role}@test`, name: role, role });
const asKey = (scope: 'ingest' | 'admin'): Principal => ({ kind: 'key', id: `k-${scope}`, name: scope, scope });

type Engine = ReturnType<typeof makeEngine>;

/** Calls a procedure by its dotted path with an empty input; returns the tRPC error code, or 'OK'. */
async function codeOf({ db, runtime }: Engine, principal: Principal | null, path: string): Promise<string> {
  let target: unknown = appRouter.createCaller({ db, runtime, principal });
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    await (target as (input: unknown) => Promise<unknown>)(undefined);
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : 'THROWN';
  }
}

describe('role × procedure matrix (server-side permissions)', () => {
  it('every procedure names a permission from the table', () => {
    expect(procedures.length).toBeGreaterThan(30);
    for (const [path, p] of procedures) expect(PERMISSIONS, path).toContain(p._def.meta?.permission);
  });

  it('every role and key scope is refused exactly the procedures it lacks the permission for; nobody signed in gets 401', async () => {
    const principals: [string, Principal][] = [...ROLES.map((r) => [r, asRole(r)] as [string, Principal]), ['key:ingest', asKey('ingest')], ['key:admin', asKey('admin')]];
    const table: string[] = [];
    for (const [path, p] of procedures) {
      const permission = p._def.meta!.permission!;
      // A database per procedure, shared by its callers: the refusals come before any read, and no procedure refuses
      // by what is stored. (One per call would be ~650 databases: on Postgres far too slow to create.)
      const engine = makeEngine();
      try {
        expect(await codeOf(engine, null, path), `${path} anonymous`).toBe('UNAUTHORIZED');
        for (const [name, principal] of principals) {
          const code = await codeOf(engine, principal, path);
          // Allowed callers get past the check: the empty input is then refused (BAD_REQUEST), missing (NOT_FOUND) or served.
          if (can(principal, permission)) expect(code, `${path} as ${name}`).not.toMatch(/FORBIDDEN|UNAUTHORIZED/);
          else expect(code, `${path} as ${name}`).toBe('FORBIDDEN');
          table.push(`${path}:${name}:${can(principal, permission) ? 'allow' : 'deny'}`);
        }
      } finally {
        engine.db.$client.close();
      }
    }
    // Spot checks of the table itself: the role descriptions.
    expect(table).toEqual(expect.arrayContaining([
      'journeys.publish:marketer:allow', 'journeys.publish:analyst:deny', 'journeys.publish:viewer:deny',
      'journeys.saveDraft:viewer:deny', 'journeys.setStatus:marketer:allow', 'journeys.setStatus:approver:deny',
      'segments.uploadGroup:analyst:deny', 'analytics.report:analyst:allow', 'analytics.report:viewer:allow',
      'access.createKey:marketer:deny', 'access.createKey:admin:allow', 'events.ingest:key:ingest:allow', 'journeys.list:key:ingest:deny',
      'runtime.retry:marketer:deny', 'runtime.retryChannel:marketer:deny', 'runtime.retryChannel:admin:allow', 'runtime.deadLetterCounts:viewer:allow',
      'sendLimits.save:marketer:deny', 'sendLimits.save:admin:allow', 'sendLimits.list:key:ingest:deny',
      'tools.duplicate:marketer:allow', 'tools.deleteDraft:viewer:deny', 'tools.deleteDraft:analyst:deny', 'tools.deleteGroup:analyst:deny',
      'tools.deleteGroup:marketer:allow', 'tools.runNow:marketer:allow', 'tools.runNow:analyst:deny', 'tools.runNow:key:ingest:deny', 'tools.nextRuns:viewer:allow',
      'tools.groups:viewer:allow', 'tools.previewMessage:key:ingest:deny',
      'coupons.create:marketer:allow', 'coupons.upload:analyst:deny', 'coupons.generate:viewer:deny', 'coupons.list:viewer:allow', 'coupons.upload:key:ingest:deny',
      'channels.modes:viewer:allow', 'channels.modes:key:ingest:deny', 'channels.overview:marketer:deny', 'analytics.messageStats:analyst:allow',
    ]));
  }, 120_000);
});
