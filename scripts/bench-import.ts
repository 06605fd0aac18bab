// Figure (k) of `npm run bench`: the member import (CSV → validated profiles → members, identities, tags) at 1,000,000 rows.
// It runs in a child process of its own (`node --import tsx scripts/bench-import.ts`), so the earlier figures leave
// nothing in its heap and the peak RSS it reports is the import's alone. Run directly, it prints the figure line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { openDb } from '@/db/client';
import { importMemberFile, type ImportSummary } from '@/members/import';
import { systemClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';
import { upsertMembers } from '@/runtime/members';

export const IMPORT_COLUMNS = [
  'id', 'name', 'phone', 'email', 'gender', 'birthday', 'city', 'store', 'associate', 'tier', 'points', 'growth', 'tz',
  'consent.sms', 'consent.email', 'tags', 'attributes.rfm', 'joinedAt', 'joinChannel',
] as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['芳', '伟', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
const CITIES = ['上海', '北京', '杭州', '深圳', '广州', '成都', '南京', '武汉', '苏州', '西安', 'Hong Kong', 'Singapore'];
const GENDERS = ['female', 'female', 'male', 'other', 'unknown'];
const TIERS = ['bronze', 'bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum'];
const TZS = ['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Europe/Berlin'];
const TAGS = ['vip', '新客', 'sneaker_fan', 'outlet', 'app_user', 'wechat', 'high_value', 'lapsed'];
const RFM = ['loyal', 'champion', 'at_risk', 'new', 'hibernating', 'promising'];
const CHANNELS = ['join_wechat', 'join_store', 'join_app', 'join_web', 'join_tmall'];
const BOOL = ['true', 'false', 'yes', 'no', '1', '0'];

/** A small deterministic PRNG: the same file every run, no faker in the hot loop. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One CSV line for member `i`: phone and email are unique per member. */
function csvLine(i: number, r: (n: number) => number): string {
  const tags = Array.from({ length: r(3) }, () => TAGS[r(TAGS.length)]);
  const cells = [
    `c${pad(i, 8)}`,
    SURNAMES[r(SURNAMES.length)] + GIVEN[r(GIVEN.length)],
    // Written as people do: "+86 138-0000-0012" for some, plain digits for the rest.
    i % 4 === 0 ? `+86 13${r(10)}-${pad(Math.floor(i / 10_000), 4)}-${pad(i % 10_000, 4)}` : `1${3 + (i % 7)}${pad(i, 9)}`,
    `member.${i}@${['example.com', 'Mail.Example.CN', 'corp.example'][i % 3]}`,
    GENDERS[r(GENDERS.length)],
    `${1960 + r(45)}-${pad(1 + r(12), 2)}-${pad(1 + r(28), 2)}`,
    CITIES[r(CITIES.length)],
    `S${pad(r(400), 3)}`,
    `A${pad(r(2000), 4)}`,
    TIERS[r(TIERS.length)],
    String(r(50_000)),
    String(r(5_000)),
    TZS[r(TZS.length)],
    BOOL[r(BOOL.length)],
    BOOL[r(BOOL.length)],
    [...new Set(tags)].join('|'),
    RFM[r(RFM.length)],
    i % 5 === 0 ? `20${pad(15 + r(11), 2)}-${pad(1 + r(12), 2)}-${pad(1 + r(28), 2)}T10:${pad(r(60), 2)}:00+08:00` : `20${pad(15 + r(11), 2)}-${pad(1 + r(12), 2)}-${pad(1 + r(28), 2)}`,
    CHANNELS[r(CHANNELS.length)],
  ];
  return cells.map(csvCell).join(',');
}

/** Writes a member CSV of `rows` rows by streaming, 1,000 lines per write and waiting on backpressure. Returns its size in bytes. */
export async function generateMemberCsv(file: string, rows: number, seed = 42): Promise<number> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const r = prng(seed);
  const write = (chunk: string) => (out.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(IMPORT_COLUMNS.join(',') + '\n');
  for (let i = 0; i < rows; i += 1000) {
    const lines: string[] = [];
    for (let k = i; k < Math.min(rows, i + 1000); k++) lines.push(csvLine(k, r));
    await write(lines.join('\n') + '\n');
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return fs.statSync(file).size;
}

/** The baseline: csv-parse alone over the same file with the import's options, nothing validated or stored. */
export async function parseOnly(file: string): Promise<{ rows: number; seconds: number }> {
  const start = performance.now();
  let rows = 0;
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, columns: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }));
  for await (const _ of parser) rows++;
  return { rows, seconds: (performance.now() - start) / 1000 };
}

export interface ImportFigure {
  rows: number;
  bytes: number;
  seconds: number;
  rate: number;
  summary: ImportSummary;
  rssStartMb: number;
  rssPeakMb: number;
  /** The JS heap's peak: RSS also counts SQLite's page cache (64 MB) and the pages of the file it memory-maps (up to 256 MB). */
  heapPeakMb: number;
  parse: { rows: number; seconds: number; rate: number };
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Generates the file, imports it into a fresh database through the CLI's path (importMemberFile + upsertMembers skip-invalid), then the parse baseline. */
export async function measureImport(dir: string, rows: number): Promise<ImportFigure> {
  const csv = path.join(dir, 'members-import.csv');
  const bytes = await generateMemberCsv(csv, rows);
  const dbFile = path.join(dir, 'import.db');
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const db = openDb(dbFile);
  const runtime = new JourneyRuntime(db, systemClock);
  (globalThis as { gc?: () => void }).gc?.();
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  let heapPeak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  };
  const timer = setInterval(sample, 100);
  const start = performance.now();
  let summary: ImportSummary;
  try {
    summary = await importMemberFile(
      csv,
      (profiles) => {
        const r = upsertMembers(runtime, profiles, { mode: 'skip-invalid', dryRun: false, prefix: () => '' });
        sample();
        return r;
      },
      { dryRun: false },
    );
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - start) / 1000;
  sample();
  db.$client.close();
  if (summary.rows !== rows || summary.created !== rows || summary.rejected !== 0) {
    throw new Error(`import stored the wrong counts: ${JSON.stringify({ ...summary, errors: summary.errors.slice(0, 5) })}`);
  }
  const p = await parseOnly(csv);
  return {
    rows,
    bytes,
    seconds,
    rate: rows / seconds,
    summary,
    rssStartMb: mb(rssStart),
    rssPeakMb: mb(rssPeak),
    heapPeakMb: mb(heapPeak),
    parse: { ...p, rate: p.rows / p.seconds },
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function figureLine(g: ImportFigure): string {
  return (
    `(k) member import:  ${fmt(g.rate)} profiles/s  (${fmt(g.rows)} rows from CSV in ${g.seconds.toFixed(1)} s, ` +
    `peak RSS ${fmt(g.rssPeakMb)} MB, +${fmt(g.rssPeakMb - g.rssStartMb)} MB over the start of ${fmt(g.rssStartMb)} MB, JS heap peak ${fmt(g.heapPeakMb)} MB)   target ≥ 50,000   ` +
    `k/parse = ${(g.rate / g.parse.rate).toFixed(2)} (csv-parse alone: ${fmt(g.parse.rate)} rows/s)`
  );
}

/** Runs figure (k) in a child process and returns its line (the child's stderr passes through). */
export function runImportFigure(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'bench-import.ts')], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, BENCH_IMPORT_DIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('(k)'));
      if (code === 0 && line) resolve(line);
      else reject(new Error(`figure (k) failed (exit ${code}): ${out.trim()}`));
    });
  });
}

async function main() {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
  const own = !process.env.BENCH_IMPORT_DIR;
  const dir = process.env.BENCH_IMPORT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'journey-bench-import-'));
  try {
    const g = await measureImport(dir, rows);
    console.log(figureLine(g));
  } finally {
    for (const f of ['members-import.csv', 'import.db', 'import.db-wal', 'import.db-shm']) fs.rmSync(path.join(dir, f), { force: true });
    if (own) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (path.basename(process.argv[1] ?? '') === 'bench-import.ts') {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
