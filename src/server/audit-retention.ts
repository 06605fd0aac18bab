import type { Db } from '@/db/client';
import { purgeAuditBefore } from '@/db/auth-store';

/** PIPL asks for at least six months of logs: nothing younger than 180 days is ever deleted, whatever the setting says. */
export const MIN_AUDIT_DAYS = 180;

export function auditRetentionDays(): number {
  const wanted = Number(process.env.AUDIT_RETENTION_DAYS ?? 365);
  return Number.isFinite(wanted) ? Math.max(MIN_AUDIT_DAYS, wanted) : 365;
}

/** Removes audit rows past the retention period; run on a schedule by the app's loop. */
export function purgeOldAudit(db: Db, now = Date.now(), days = auditRetentionDays()): number {
  return purgeAuditBefore(db, now - Math.max(MIN_AUDIT_DAYS, days) * 24 * 3600_000);
}
