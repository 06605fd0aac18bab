import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, whenWritable } from './client';

// SQLite has one write lock for the whole store, held by an engine worker's batch: the web app's writes wait for it
// without freezing the thread. Postgres has no such lock (rows lock one by one), so whenWritable just runs the
// transaction there: the cases about waiting are SQLite's only.
const onPostgres = process.env.TEST_STORE === 'pg';

describe('whenWritable', () => {
  it.skipIf(onPostgres)('lets other work run while another connection holds the write lock, then writes once it is free', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-writable-')), 'db.sqlite');
    const web = openDb(file);
    const worker = openDb(file);
    worker.$client.prepare('BEGIN IMMEDIATE').run();
    worker.$client.prepare(`insert into settings (key, value) values ('held', '1')`).run();

    const order: string[] = [];
    const write = whenWritable(web, () => {
      order.push('write');
      web.$client.prepare(`insert into settings (key, value) values ('web', '2')`).run();
      return 'done';
    });
    // A reader's request on the same thread gets its turn while the write waits.
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('reader');
    expect(web.$client.prepare(`select count(*) n from settings where key = 'held'`).get()).toEqual({ n: 0 });
    worker.$client.prepare('COMMIT').run();
    expect(await write).toBe('done');
    expect(order).toEqual(['reader', 'write']);
    expect(web.$client.prepare(`select key from settings where key in ('held', 'web') order by key`).all()).toEqual([{ key: 'held' }, { key: 'web' }]);
  });

  it('rolls back everything on an error', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-writable-')), 'db.sqlite');
    const web = openDb(file);
    await expect(
      whenWritable(web, () => {
        web.$client.prepare(`insert into settings (key, value) values ('half', '1')`).run();
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(web.$client.prepare(`select count(*) n from settings where key = 'half'`).get()).toEqual({ n: 0 });
    expect(await whenWritable(web, () => 2)).toBe(2);
  });

  it.skipIf(onPostgres)('gives up with SQLITE_BUSY after its timeout', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-writable-')), 'db.sqlite');
    const web = openDb(file);
    const worker = openDb(file);
    worker.$client.prepare('BEGIN IMMEDIATE').run();
    await expect(whenWritable(web, () => 1, 30)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    worker.$client.prepare('ROLLBACK').run();
    expect(await whenWritable(web, () => 2)).toBe(2);
    // The connection's own wait for the lock is as it was (a nested transaction must not reset it).
    expect(web.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it.runIf(onPostgres)('on Postgres writes at once while another connection is inside a transaction, and each sees only committed rows', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-writable-')), 'db.sqlite');
    const web = openDb(file);
    const worker = openDb(file);
    worker.$client.prepare('BEGIN IMMEDIATE').run();
    worker.$client.prepare(`insert into settings (key, value) values ('held', '1')`).run();
    expect(await whenWritable(web, () => web.$client.prepare(`insert into settings (key, value) values ('web', '2')`).run().changes)).toBe(1);
    expect(web.$client.prepare(`select key from settings where key in ('held', 'web') order by key`).all()).toEqual([{ key: 'web' }]);
    worker.$client.prepare('COMMIT').run();
    expect(web.$client.prepare(`select key from settings where key in ('held', 'web') order by key`).all()).toEqual([{ key: 'held' }, { key: 'web' }]);
  });

  it('commits the writes that queued while the lock was held together, each all-or-nothing on its own', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-writable-')), 'db.sqlite');
    const web = openDb(file);
    const worker = openDb(file);
    worker.$client.prepare('BEGIN IMMEDIATE').run();
    const put = (key: string, fail = false) =>
      whenWritable(web, () =>
        web.transaction(() => {
          web.$client.prepare(`insert into settings (key, value) values (?, '1')`).run(key);
          if (fail) throw new Error(`${key} refused`);
          return key;
        }),
      );
    // Settled at once: on Postgres they do not wait for the worker, and a rejection left alone until later is unhandled.
    const writes = Promise.allSettled([put('a'), put('b', true), put('c')]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    worker.$client.prepare('COMMIT').run();
    const results = await writes;
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String((r.reason as Error).message)))).toEqual(['a', 'b refused', 'c']);
    expect(web.$client.prepare(`select key from settings where key in ('a', 'b', 'c') order by key`).all()).toEqual([{ key: 'a' }, { key: 'c' }]);
    expect(web.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it.skipIf(onPostgres)('answers other requests between groups when many slow writes queued: one group keeps the thread a few milliseconds', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-writable-')), 'db.sqlite');
    const web = openDb(file);
    const worker = openDb(file);
    worker.$client.prepare('BEGIN IMMEDIATE').run();
    const events: string[] = [];
    // Each write keeps the thread 2 ms (a large accept); twenty of them would block it 40 ms in one group.
    const slow = (i: number) =>
      whenWritable(web, () => {
        const until = performance.now() + 2;
        while (performance.now() < until);
        web.$client.prepare(`insert into settings (key, value) values (?, '1')`).run(`slow-${i}`);
        events.push(`write ${i}`);
        // A reader's request arrives while the first group is being written.
        if (i === 0) setImmediate(() => events.push('reader'));
      });
    const writes = Promise.all(Array.from({ length: 20 }, (_, i) => slow(i)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    worker.$client.prepare('COMMIT').run();
    await writes;
    // Its turn came before the last group, not after all twenty writes.

    const reader = events.indexOf('reader');
    expect(reader).toBeGreaterThan(0);
    expect(reader).toBeLessThan(events.length - 1);
    expect(web.$client.prepare(`select count(*) n from settings where key like 'slow-%'`).get()).toEqual({ n: 20 });
  });
});
