import { request, type FullConfig } from '@playwright/test';

/** Signs in the demo admin once: pages and downloads in the tests carry its session cookie. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/login', { data: { email: 'admin@demo.local', password: 'demo-admin-2026' }, headers: { origin: baseURL } });
  if (!res.ok()) throw new Error(`Demo admin sign-in failed: ${res.status()} ${await res.text()}`);
  await ctx.storageState({ path: '.test-results/admin-state.json' });
  await ctx.dispose();
}
