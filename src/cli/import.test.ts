import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { welcomeJourney } from '@/journey/examples';
import { addMembers, count, makeEngine, publish } from '@/test/fixtures';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-import-'));

function journeyCli(args: string[], dbFile: string) {
  const res = spawnSync(process.execPath, [path.join(root, 'bin/journey.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: dbFile } });
  return { code: res.status, out: res.stdout };
}

describe('journey import (bulk JSONL ingestion)', () => {
  it('imports a file in batches, deduplicates by id, and rejects a bad file whole', () => {
    const dbFile = path.join(dir, 'app.db');
    const setup = makeEngine(dbFile);
    addMembers(setup.db, Array.from({ length: 30 }, (_, i) => ({ id: `m${i}` })));
    publish(setup.db, welcomeJourney);
    setup.db.$client.close();

    const good = path.join(dir, 'good.jsonl');
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `j${i}`, memberId: `m${i}`, type: 'member_joined' }));
    fs.writeFileSync(good, [...lines, lines[0]].join('\n') + '\n');
    const first = journeyCli(['import', good], dbFile);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ accepted: 30, duplicates: 1, enrolled: 30 });

    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, [JSON.stringify({ memberId: 'm1', type: 'order_paid' }), JSON.stringify({ memberId: 'nobody', type: 'order_paid' })].join('\n'));
    const rejected = journeyCli(['import', bad], dbFile);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.out).errors).toEqual([{ path: '[1].memberId', message: 'Unknown member "nobody"' }]);

    const check = makeEngine(dbFile);
    expect(count(check.db, `select count(*) n from events`)).toBe(30);
    expect(count(check.db, `select count(*) n from enrolments`)).toBe(30);
    check.db.$client.close();
  });
});
