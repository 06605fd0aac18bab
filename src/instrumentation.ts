/** Next.js start-up hook: open the database, seed demo data and accounts, start the engine workers and the audit purge. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getAppRuntime, startEngineWorkers } = await import('./runtime/app-runtime');
    const { usersReady } = await import('./server/auth/users-ready');
    const { purgeOldAudit } = await import('./server/audit-retention');
    await usersReady();
    startEngineWorkers();
    const { deleteExpiredSessions } = await import('./db/auth-store');
    const purge = () => {
      try {
        purgeOldAudit(getAppRuntime().db);
        deleteExpiredSessions(getAppRuntime().db, Date.now());
      } catch (err) {
        console.error('[audit purge]', err);
      }
    };
    purge();
    setInterval(purge, 3600_000).unref();
  }
}
