import { actorName, type Principal } from '@/auth/permissions';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/auth-store';

/** One audit row for a change made through a procedure: who, what, on which target, with a before/after where there is one. */
export function audit(ctx: { db: Db; principal: Principal | null }, action: string, target: string, detail: unknown = null): void {
  insertAudit(ctx.db, { at: Date.now(), actor: actorName(ctx.principal), action, target, detail });
}
