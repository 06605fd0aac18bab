import { startPgCluster, type PgCluster } from './pg-cluster';

/**
 * Vitest global setup for the Postgres runs (`TEST_STORE=pg`): one throwaway
 * cluster for the run; every database a test opens is created on it (see
 * testDatabaseFor in src/db/pg/open.ts). Without TEST_STORE=pg, nothing.
 */
let cluster: PgCluster | undefined;

export async function setup(): Promise<void> {
  if (process.env.TEST_STORE !== 'pg' || process.env.JOURNEY_TEST_PG_URL) return;
  cluster = await startPgCluster();
  process.env.JOURNEY_TEST_PG_URL = cluster.url;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
