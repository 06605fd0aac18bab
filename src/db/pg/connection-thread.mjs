// The thread that holds a Postgres connection for the synchronous client (sync-client.ts). Plain JavaScript: the built
// web app starts it with Node alone. Each request arrives on the port; the reply goes back on it and the shared flag
// wakes the caller, which waits on it with Atomics.wait.
import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

const { url, signal, port, migrationsFolder, applicationName } = workerData;
const flag = new Int32Array(signal);

// Values read back as SQLite would give them: integers and sums as numbers, booleans as 1/0 (the application reads the
// rows through drizzle's SQLite mapping on both stores).
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0));

const client = new pg.Client({ connectionString: url, application_name: applicationName });
let broken = null;
// A connection the server closed (restart, kill) fails the next request instead of crashing the process.
client.on('error', (err) => {
  broken = err;
});

/** Statements run more than once are prepared on the server under a name: parsed and planned once per connection. */
const names = new Map();
function nameOf(text) {
  let name = names.get(text);
  if (!name && names.size < 5000) names.set(text, (name = `s${names.size}`));
  return name;
}

async function handle(msg) {
  if (broken) throw broken;
  switch (msg.op) {
    case 'connect': {
      await client.connect();
      if (migrationsFolder) {
        // Several processes may start at once (the app, workers): one migrates, the others wait for it.
        await client.query('select pg_advisory_lock(727274)');
        try {
          await migrate(drizzle(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock(727274)');
        }
      }
      return null;
    }
    case 'query': {
      const r = await client.query({ text: msg.text, values: msg.values, rowMode: msg.array ? 'array' : undefined, name: msg.prepare ? nameOf(msg.text) : undefined });
      return { rows: r.rows ?? [], rowCount: r.rowCount ?? 0 };
    }
    case 'exec': {
      await client.query(msg.text);
      return null;
    }
    case 'close': {
      await client.end();
      return null;
    }
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

port.on('message', async (msg) => {
  let reply;
  try {
    reply = { ok: true, value: await handle(msg) };
  } catch (err) {
    const e = err ?? {};
    reply = { ok: false, error: { message: String(e.message ?? e), code: e.code, detail: e.detail, hint: e.hint, where: e.where } };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
