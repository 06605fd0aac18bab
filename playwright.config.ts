import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
/** The admin key the e2e server trusts: every test runs signed in with it unless it asks for no credentials. */
export const E2E_ADMIN_KEY = 'e2e-admin-key-not-a-secret';

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./scripts/playwright-count-reporter.mjs']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    // Pages and downloads run as the signed-in demo admin; API calls from tests also send the admin key.
    storageState: '.test-results/admin-state.json',
    extraHTTPHeaders: { Authorization: `Bearer ${E2E_ADMIN_KEY}` },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Needs `next build` beforehand (`npm test` does it). The wrapper deletes the e2e database first.
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_PATH: '.test-results/e2e.db',
      NEXT_TELEMETRY_DISABLED: '1',
      JOURNEY_ADMIN_KEY: E2E_ADMIN_KEY,
      // Lets Settings → Channels store provider credentials (encrypted with it).
      SECRETS_KEY: 'e2e-secrets-key-not-a-secret',
    },
  },
});
