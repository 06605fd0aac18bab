import crypto from 'node:crypto';
import path from 'node:path';
import { PgSyncClient } from './sync-client';
import { rowIdColumns } from './schema';

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** Connects (and migrates: drizzle/pg) the synchronous client to a Postgres database. */
export function connectPg(url: string, applicationName?: string): PgSyncClient {
  const migrationsFolder = path.join(/* turbopackIgnore: true */ process.env.MIGRATIONS_PATH ?? path.join(/* turbopackIgnore: true */ process.cwd(), 'drizzle'), 'pg');
  return new PgSyncClient(url, { migrationsFolder, rowIdColumns, applicationName });
}

let admin: PgSyncClient | undefined;

/**
 * Tests on Postgres (JOURNEY_TEST_PG_URL, set by the Postgres test runs):
 * where a test opens a SQLite file, it gets a database of its own on that
 * cluster instead — the same one for the same file, so a test's child
 * processes meet in it — and `:memory:` gets a new empty database each time.
 * Each is copied from a migrated template, which is far quicker than
 * migrating every one.
 */
export function testDatabaseFor(file: string, baseUrl: string): string {
  admin ??= new PgSyncClient(baseUrl, { applicationName: 'journey-tests' });
  const name = file === ':memory:' ? `t_${crypto.randomBytes(8).toString('hex')}` : `f_${crypto.createHash('sha1').update(path.resolve(file)).digest('hex').slice(0, 24)}`;
  const url = withDatabase(baseUrl, name);
  admin.call({ op: 'exec', text: 'select pg_advisory_lock(727275)' });
  try {
    const exists = (n: string) => (admin!.query('select 1 from pg_database where datname = $1', [n], true).rows.length > 0);
    if (!exists('journey_template')) {
      admin.call({ op: 'exec', text: 'create database journey_template' });
      connectPg(withDatabase(baseUrl, 'journey_template'), 'journey-template').close();
    }
    if (!exists(name)) admin.call({ op: 'exec', text: `create database ${name} template journey_template` });
  } finally {
    admin.call({ op: 'exec', text: 'select pg_advisory_unlock(727275)' });
  }
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
