import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { toPgText } from './translate';

/**
 * A synchronous Postgres connection with the part of better-sqlite3's API
 * that drizzle's SQLite driver and src/db use: `prepare(sql)` with `run`,
 * `get`, `all`, `raw()`, `pluck()`, `transaction(fn)`, `inTransaction`.
 *
 * Why synchronous: the whole engine (and src/db) is written against a
 * synchronous store, which SQLite gives for free and which keeps one engine
 * for tests, the simulator and production. Rather than two engines, the
 * Postgres store is made synchronous: a thread holds the connection (the
 * `pg` driver), and the calling thread waits for each answer on a shared
 * flag. The wait costs a thread hop per statement (tens of microseconds);
 * the network round trip to Postgres costs the same whichever way it is
 * awaited, and a batch's statements run back to back inside its transaction.
 *
 * SQL arrives in SQLite's dialect as drizzle's SQLite builder writes it;
 * `toPgText` only renumbers parameters (and maps `BEGIN IMMEDIATE`). Where
 * SQL really differs, src/db branches on `dialectOf(db)`.
 */
export class PgSyncClient {
  readonly dialect = 'pg' as const;
  readonly name: string;
  open = true;
  private readonly thread: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private depth = 0;
  private readonly statements = new Map<string, PgStatement>();

  constructor(
    readonly url: string,
    readonly opts: { migrationsFolder?: string; rowIdColumns?: Record<string, string>; applicationName?: string; timeoutMs?: number } = {},
  ) {
    this.name = url.replace(/\/\/[^@]*@/, '//');
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // Loaded from the source tree at run time, not bundled (the built app runs it with Node alone): hidden from the bundler.
    const file = process.env.PG_THREAD_PATH ?? path.join(/* turbopackIgnore: true */ process.cwd(), 'src/db/pg/connection-thread.mjs');
    this.thread = new Worker(/* turbopackIgnore: true */ file, {
      workerData: { url, signal, port: port2, migrationsFolder: opts.migrationsFolder, applicationName: opts.applicationName ?? 'journey-canvas' },
      transferList: [port2],
    });
    // The process may exit while the connection is open (tests, the CLI): the thread does not hold it alive.
    this.thread.unref();
    this.call({ op: 'connect' }, 120_000);
  }

  /** Sends one request to the connection's thread and waits for its answer. */
  call(msg: { op: string; [k: string]: unknown }, timeoutMs = this.opts.timeoutMs ?? 300_000): unknown {
    if (!this.open) throw new Error('The Postgres connection is closed');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(msg);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) {
        // Its answer may still come and would be taken for the next request's: this connection is done.
        this.open = false;
        void this.thread.terminate();
        throw new Error(`Postgres did not answer within ${timeoutMs} ms`);
      }
      Atomics.wait(this.flag, 0, 0, left);
      const received = receiveMessageOnPort(this.port);
      if (!received) continue;
      const reply = received.message as { ok: boolean; value?: unknown; error?: { message: string; code?: string; detail?: string } };
      if (reply.ok) return reply.value;
      const e = reply.error!;
      throw Object.assign(new Error(e.detail ? `${e.message} (${e.detail})` : e.message), { code: e.code });
    }
  }

  /** `control`: the text begins or ends a transaction (known once per statement, not looked for on every call). */
  query(text: string, values: unknown[], array: boolean, control = isTransactionControl(text)): { rows: unknown[]; rowCount: number } {
    const r = this.call({ op: 'query', text, values: values.map(toPgValue), array, prepare: !control }) as { rows: unknown[]; rowCount: number };
    if (control) this.track(text);
    return r;
  }

  prepare(source: string): PgStatement {
    let stmt = this.statements.get(source);
    if (!stmt) {
      stmt = new PgStatement(this, source, toPgText(source, this.opts.rowIdColumns ?? {}));
      if (this.statements.size < 10_000) this.statements.set(source, stmt);
    }
    return stmt;
  }

  exec(source: string): this {
    this.call({ op: 'exec', text: source });
    this.track(source);
    return this;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * better-sqlite3's transaction wrapper: BEGIN … COMMIT, or a savepoint when
   * already inside one; rolled back when `fn` throws. Postgres runs it in READ
   * COMMITTED: what must not interleave across processes takes row locks
   * (FOR UPDATE, SKIP LOCKED) or is fenced by partition leases.
   */
  transaction<F extends (...args: never[]) => unknown>(fn: F) {
    const run = (...args: Parameters<F>): ReturnType<F> => {
      const level = this.depth;
      const sp = `tx${level}`;
      this.call({ op: 'exec', text: level ? `savepoint ${sp}` : 'begin' });
      this.depth = level + 1;
      try {
        const result = fn(...args);
        if (result && typeof (result as { then?: unknown }).then === 'function') throw new TypeError('Transaction function cannot return a promise');
        this.depth = level;
        this.call({ op: 'exec', text: level ? `release savepoint ${sp}` : 'commit' });
        return result as ReturnType<F>;
      } catch (err) {
        this.depth = level;
        try {
          this.call({ op: 'exec', text: level ? `rollback to savepoint ${sp}; release savepoint ${sp}` : 'rollback' });
        } catch {
          // The connection is gone (the server rolled back itself), or the commit itself failed and nothing is open.
        }
        throw err;
      }
    };
    return Object.assign(run, { default: run, deferred: run, immediate: run, exclusive: run });
  }

  /** SQLite pragmas mean nothing here; the few the code reads get SQLite-like answers. */
  pragma(source: string, options?: { simple?: boolean }): unknown {
    if (/^\s*busy_timeout\s*$/i.test(source)) return options?.simple ? 5000 : [{ timeout: 5000 }];
    return options?.simple ? undefined : [];
  }

  /** SQLite's application-defined functions: Postgres has its own (see drizzle/pg), so nothing is registered. */
  function(): this {
    return this;
  }

  close(): void {
    if (!this.open) return;
    try {
      this.call({ op: 'close' }, 10_000);
    } finally {
      this.open = false;
      void this.thread.terminate();
    }
  }

  /** Transaction control written as statements (whenWritable's BEGIN/COMMIT on SQLite, a test's raw BEGIN). */
  private track(text: string): void {
    if (/^\s*begin\b/i.test(text)) this.depth = Math.max(this.depth, 1);
    else if (/^\s*(commit|end|rollback)\s*;?\s*$/i.test(text)) this.depth = 0;
  }

}

function isTransactionControl(text: string): boolean {
  return /^\s*(begin|commit|end|rollback|savepoint|release)\b/i.test(text);
}

function toPgValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** A prepared statement in better-sqlite3's shape. */
export class PgStatement {
  private pluckMode = false;
  private rawMode = false;
  private variants: Map<string, PgStatement> | undefined;
  readonly reader: boolean;
  private readonly control: boolean;

  constructor(
    private readonly client: PgSyncClient,
    readonly source: string,
    private readonly text: { sql: string; rowId: string | null },
  ) {
    this.reader = /^\s*(select|with|values)\b/i.test(source) || /\breturning\b/i.test(source);
    this.control = isTransactionControl(source);
  }

  pluck(on = true): PgStatement {
    return this.variant(on ? 'pluck' : 'rows');
  }

  raw(on = true): PgStatement {
    return this.variant(on ? 'raw' : 'rows');
  }

  run(...params: unknown[]): { changes: number; lastInsertRowid: number } {
    const r = this.client.query(this.text.sql, flatten(params), true, this.control);
    const last = this.text.rowId && r.rows.length ? Number((r.rows[r.rows.length - 1] as unknown[])[0]) : 0;
    return { changes: r.rowCount, lastInsertRowid: last };
  }

  get(...params: unknown[]): unknown {
    return this.shape(this.client.query(this.text.sql, flatten(params), this.rawMode || this.pluckMode, this.control).rows)[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.shape(this.client.query(this.text.sql, flatten(params), this.rawMode || this.pluckMode, this.control).rows);
  }

  *iterate(...params: unknown[]): IterableIterator<unknown> {
    yield* this.all(...params);
  }

  private shape(rows: unknown[]): unknown[] {
    return this.pluckMode ? rows.map((r) => (r as unknown[])[0]) : rows;
  }

  /** The same statement answering in another shape; made once (drizzle asks for `raw()` on every call). */
  private variant(mode: 'rows' | 'raw' | 'pluck'): PgStatement {
    if (mode === (this.pluckMode ? 'pluck' : this.rawMode ? 'raw' : 'rows')) return this;
    let s = this.variants?.get(mode);
    if (!s) {
      s = new PgStatement(this.client, this.source, this.text);
      s.pluckMode = mode === 'pluck';
      s.rawMode = mode === 'raw';
      s.variants = this.variants ??= new Map([[this.pluckMode ? 'pluck' : this.rawMode ? 'raw' : 'rows', this]]);
      this.variants.set(mode, s);
    }
    return s;
  }
}

/** better-sqlite3 takes parameters spread or as one array. */
function flatten(params: unknown[]): unknown[] {
  return params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
}
