import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { count, makeEngine } from '@/test/fixtures';
import { upsertMembers } from '@/runtime/members';
import { ImportFileError, importMemberFile } from './import';
import { profileView } from './profile-view';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-members-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(name: string, content: string): string {
  const file = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

type Engine = ReturnType<typeof makeEngine>;
const sinkFor = (runtime: Engine['runtime'], dryRun = false) => (profiles: Parameters<typeof upsertMembers>[1]) =>
  upsertMembers(runtime, profiles, { mode: 'skip-invalid', dryRun, prefix: () => '' });

async function importInto(engine: Engine, file: string, opts: { dryRun?: boolean; batchSize?: number } = {}) {
  return importMemberFile(file, sinkFor(engine.runtime, opts.dryRun), opts);
}

const HEADER = 'id,name,phone,email,gender,birthday,city,store,associate,tier,points,growth,tz,consent.sms,consent.email,tags,attributes.rfm,joinedAt,joinChannel';
const csvRow = (i: number) =>
  `c${i},王芳${i},+86 138-0000-${String(i).padStart(4, '0')},Member.${i}@Example.COM,female,1990-02-28,上海,S001,A007,gold,${100 + i},${i},Asia/Shanghai,yes,0,vip|新客,loyal,2025-06-01T10:00:00+08:00,join_wechat`;

describe('member import (CSV and JSONL)', () => {
  it('imports a CSV file with a header row: types, nested columns, normalised phone and email, identities and tags', async () => {
    const engine = makeEngine();
    const file = write('members.csv', [HEADER, csvRow(1), csvRow(2), ''].join('\n'));
    const summary = await importInto(engine, file);
    expect(summary).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], moreErrors: 0, dryRun: false });
    expect(profileView(engine.db, 'c1')).toMatchObject({
      name: '王芳1', phone: '+8613800000001', email: 'member.1@example.com', gender: 'female', birthday: '1990-02-28', city: '上海', store: 'S001', associate: 'A007',
      tier: 'gold', points: 101, growth: 1, tz: 'Asia/Shanghai', consent: { sms: true, email: false }, tags: ['vip', '新客'], attributes: { rfm: 'loyal' }, joinedAt: '2025-06-01',
      joinChannel: 'join_wechat',
    });
    expect(count(engine.db, `select count(*) n from member_identities where member_id = 'c2'`)).toBe(2);
  });

  it('imports JSONL, naming a line that is not JSON', async () => {
    const engine = makeEngine();
    const lines = [
      JSON.stringify({ id: 'j1', name: 'Ann', tier: 'silver', consent: { sms: true }, tags: ['a'], identities: { wechatOpenId: 'o-1' } }),
      '',
      '{not json',
      JSON.stringify({ id: 'j2', phone: '13900139000', attributes: { rfm: 'new', size: 38 } }),
    ];
    const summary = await importInto(engine, write('members.jsonl', lines.join('\n') + '\n'));
    expect(summary).toMatchObject({ rows: 3, created: 2, rejected: 1, errors: [{ line: 3, field: 'line', message: 'not valid JSON' }] });
    expect(profileView(engine.db, 'j1')).toMatchObject({ name: 'Ann', tier: 'silver', tags: ['a'] });
    expect(profileView(engine.db, 'j2')).toMatchObject({ phone: '13900139000', attributes: { rfm: 'new', size: 38 } });
    expect(count(engine.db, `select count(*) n from member_identities where type = 'wechatOpenId' and value = 'o-1' and member_id = 'j1'`)).toBe(1);
  });

  it('names a bad row by line, field and message, skips it and stores the rest', async () => {
    const engine = makeEngine();
    const file = write('bad-row.csv', [HEADER, csvRow(1), csvRow(2).replace('1990-02-28', '1990-02-30'), csvRow(3).replace(',gold,', ',diamond,'), csvRow(4)].join('\n'));
    const summary = await importInto(engine, file);
    expect(summary).toMatchObject({ rows: 4, created: 2, rejected: 2 });
    expect(summary.errors).toEqual([
      { line: 3, field: 'birthday', message: 'birthday must be a date YYYY-MM-DD' },
      { line: 4, field: 'tier', message: 'tier "diamond" is not one of bronze, silver, gold, platinum' },
    ]);
    expect(profileView(engine.db, 'c2')).toBeNull();
    expect(profileView(engine.db, 'c3')).toBeNull();
    expect(profileView(engine.db, 'c4')).toMatchObject({ tier: 'gold' });
  });

  it('refuses a header with an unknown column, or without id, before storing anything', async () => {
    const engine = makeEngine();
    const unknown = importInto(engine, write('unknown.csv', 'id,name,colour\nc1,Ann,red\n'));
    await expect(unknown).rejects.toBeInstanceOf(ImportFileError);
    await expect(unknown).rejects.toMatchObject({ field: 'header', message: expect.stringContaining('Unknown column "colour"') });
    await expect(importInto(engine, write('no-id.csv', 'name,city\nAnn,上海\n'))).rejects.toMatchObject({ field: 'header', message: 'The header needs an "id" column' });
    await expect(importInto(engine, path.join(dir, 'missing.csv'))).rejects.toMatchObject({ field: 'FILE' });
    expect(count(engine.db, `select count(*) n from members`)).toBe(0);
  });

  it('--dry-run checks every row and stores nothing', async () => {
    const engine = makeEngine();
    const file = write('dry.csv', [HEADER, csvRow(1), csvRow(2).replace('female', 'f')].join('\n'));
    const summary = await importInto(engine, file, { dryRun: true });
    expect(summary).toMatchObject({ rows: 2, created: 1, rejected: 1, dryRun: true, errors: [{ line: 3, field: 'gender' }] });
    expect(count(engine.db, `select count(*) n from members`)).toBe(0);
    expect(count(engine.db, `select count(*) n from member_identities`)).toBe(0);
  });

  it('a second import of the same file stores nothing new', async () => {
    const engine = makeEngine();
    const file = write('again.csv', [HEADER, ...Array.from({ length: 30 }, (_, i) => csvRow(i))].join('\n'));
    expect(await importInto(engine, file, { batchSize: 7 })).toMatchObject({ rows: 30, created: 30, updated: 0, unchanged: 0 });
    const events = count(engine.db, `select count(*) n from events`);
    expect(await importInto(engine, file, { batchSize: 7 })).toMatchObject({ rows: 30, created: 0, updated: 0, unchanged: 30, rejected: 0 });
    expect(count(engine.db, `select count(*) n from events`)).toBe(events);
    expect(count(engine.db, `select count(*) n from members`)).toBe(30);
  });

  it('the same id twice in one file: the second row updates what the first stored', async () => {
    const engine = makeEngine();
    const file = write('twice.csv', ['id,name,city,tier,tags', 'c1,Ann,北京,silver,a', 'c2,Bob,,,', 'c1,,上海,gold,b|c'].join('\n'));
    expect(await importInto(engine, file)).toMatchObject({ rows: 3, created: 2, updated: 1, unchanged: 0, rejected: 0 });
    expect(profileView(engine.db, 'c1')).toMatchObject({ name: 'Ann', city: '上海', tier: 'gold', tags: ['b', 'c'] });
    const types = engine.db.$client.prepare(`select type from events where member_id = 'c1' order by seq`).pluck().all();
    expect(types).toEqual(['tier_changed', 'profile_updated']);
  });
});

describe('journey members import (CLI)', () => {
  function cli(file: string, dbFile: string, ...flags: string[]) {
    const res = spawnSync(process.execPath, ['bin/journey.mjs', 'members', 'import', file, ...flags], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_PATH: dbFile, SEED_DEMO: '0' },
    });
    return { status: res.status, json: JSON.parse(res.stdout), stderr: res.stderr };
  }

  it('prints the JSON summary on stdout and progress on stderr; exit 0 for a clean file, 1 when rows were rejected (the rest stored)', () => {
    const dbFile = path.join(dir, 'cli.db');
    const clean = cli(write('clean.csv', [HEADER, csvRow(1), csvRow(2)].join('\n') + '\n'), dbFile);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.json).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], moreErrors: 0, dryRun: false });
    expect(clean.stderr).toMatch(/imported 2 rows \([\d,]+\/s\)/);

    const dirty = cli(write('dirty.csv', [HEADER, csvRow(3), csvRow(4).replace('Asia/Shanghai', 'Mars/Olympus'), csvRow(5)].join('\n') + '\n'), dbFile);
    expect(dirty.status).toBe(1);
    expect(dirty.json).toMatchObject({ rows: 3, created: 2, rejected: 1, errors: [{ line: 3, field: 'tz', message: 'tz must be an IANA time zone like "Asia/Shanghai"' }] });

    const dry = cli(write('dry.csv', [HEADER, csvRow(9)].join('\n')), dbFile, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.json).toMatchObject({ rows: 1, created: 1, dryRun: true });
    expect(dry.stderr).toMatch(/checked 1 rows/);

    const check = makeEngine(dbFile);
    expect(check.db.$client.prepare(`select id from members order by id`).pluck().all()).toEqual(['c1', 'c2', 'c3', 'c5']);
    check.db.$client.close();
  });
});
