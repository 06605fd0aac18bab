/** Next.js start-up hook: open the database, seed demo data and start the timer loop with the server. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startRuntimeLoop } = await import('./runtime/app-runtime');
    startRuntimeLoop();
  }
}
