import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from './client';
import { createJourney, publishJourney } from './journeys';
import { welcomeJourney } from '@/journey/examples';
import { rows } from '@/test/journeys';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-publish-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  numbers: number[];
  ids: string[];
  errors: string[];
}

/** Starts src/test/publish-worker.ts; resolves once it is connected, with a trigger that lets it publish. */
function startPublisher(file: string, journeyId: string, tag: string, times: number, mode = 'publish'): Promise<{ go: () => void; done: Promise<Outcome> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/test/publish-worker.ts'), file, journeyId, tag, String(times), mode], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as Outcome);
      else reject(new Error(`publisher ${tag} exited ${code}: ${err}`));
    });
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const before = out;
      out += d;
      if (!before.includes('ready\n') && out.includes('ready\n')) resolve({ go: () => child.stdin.write('go\n'), done });
    });
    done.catch(reject);
  });
}

describe('publishing from several processes', () => {
  it('two processes publishing one journey at once: every publish succeeds, versions 1..N without gaps or repeats', async () => {
    const file = path.join(dir, 'publish.db');
    const db = openDb(file);
    const journeyId = createJourney(db, { name: 'Welcome', document: welcomeJourney });
    expect(publishJourney(db, journeyId).ok).toBe(true);
    const times = 40;
    const publishers = await Promise.all([startPublisher(file, journeyId, 'a', times), startPublisher(file, journeyId, 'b', times)]);
    publishers.forEach((p) => p.go());
    const outcomes = await Promise.all(publishers.map((p) => p.done));

    expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
    const total = 1 + 2 * times;
    const numbers = rows(db, 'select number from journey_versions where journey_id = ? order by number', journeyId).map((r) => Number(r.number));
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each publisher saw its own versions in increasing order, and the journey went live on the last one.
    for (const o of outcomes) expect(o.numbers).toEqual([...o.numbers].sort((x, y) => x - y));
    expect(rows(db, 'select v.number from journeys j join journey_versions v on v.id = j.live_version_id where j.id = ?', journeyId)).toEqual([{ number: total }]);
    db.$client.close();
  }, 120_000);

  it('two processes creating journeys of one name at once: each gets an id of its own', async () => {
    const file = path.join(dir, 'create.db');
    const db = openDb(file);
    const times = 30;
    const creators = await Promise.all([startPublisher(file, 'Welcome', 'a', times, 'create'), startPublisher(file, 'Welcome', 'b', times, 'create')]);
    creators.forEach((c) => c.go());
    const outcomes = await Promise.all(creators.map((c) => c.done));

    expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
    const ids = outcomes.flatMap((o) => o.ids);
    expect(new Set(ids).size).toBe(2 * times);
    expect(rows(db, `select count(*) n from journeys where name = 'Welcome'`)).toEqual([{ n: 2 * times }]);
    db.$client.close();
  }, 120_000);
});
