import fs from 'node:fs';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import { fieldErrors, memberProfileSchema, type FieldError, type MemberProfile } from './profile-schema';
import { isImportColumn, recordToProfile } from './record';

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowError[];
  /** Errors beyond the first MAX_REPORTED_ERRORS are counted, not listed. */
  moreErrors: number;
  dryRun: boolean;
}

/** Stores a batch of valid profiles; returns counts and each profile's remaining problems (by index). */
export type ImportSink = (profiles: MemberProfile[]) => { created: number; updated: number; unchanged: number; problems: FieldError[][] };

/** Profiles per sink call (one transaction each): large enough that statements and commits are a small part of the time, small enough to keep memory flat. */
export const IMPORT_BATCH = 5_000;
const MAX_REPORTED_ERRORS = 1_000;

/** Collects rows into batches, validates each with the profile schema and hands the valid ones to the sink. */
export class ImportBatcher {
  readonly summary: ImportSummary;
  private profiles: MemberProfile[] = [];
  private lines: number[] = [];
  private ids = new Set<string>();

  constructor(
    private readonly sink: ImportSink,
    dryRun: boolean,
    private readonly batchSize = IMPORT_BATCH,
  ) {
    this.summary = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], moreErrors: 0, dryRun };
  }

  /** One raw profile (already a JSON object, or a CSV record turned into one) from file line `line`. */
  add(raw: unknown, line: number): void {
    this.summary.rows++;
    const parsed = memberProfileSchema.safeParse(raw);
    if (!parsed.success) {
      this.reject(line, fieldErrors(parsed.error.issues, ''));
      return;
    }
    const profile = parsed.data;
    // A second row for the same member goes into the next batch, so it updates what the first one stored.
    if (this.ids.has(profile.id)) this.flush();
    this.ids.add(profile.id);
    this.profiles.push(profile);
    this.lines.push(line);
    if (this.profiles.length >= this.batchSize) this.flush();
  }

  reject(line: number, errors: FieldError[]): void {
    this.summary.rejected++;
    for (const e of errors) {
      if (this.summary.errors.length < MAX_REPORTED_ERRORS) this.summary.errors.push({ line, ...e });
      else this.summary.moreErrors++;
    }
  }

  flush(): void {
    if (!this.profiles.length) return;
    const r = this.sink(this.profiles);
    this.summary.created += r.created;
    this.summary.updated += r.updated;
    this.summary.unchanged += r.unchanged;
    r.problems.forEach((p, i) => {
      if (p.length) this.reject(this.lines[i], p);
    });
    this.profiles = [];
    this.lines = [];
    this.ids.clear();
  }
}

export class ImportFileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** CSV with a header row, or JSONL: by the file's extension, else by its first character. */
export function detectFormat(file: string, firstChar: string): 'csv' | 'jsonl' {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return 'jsonl';
  return firstChar === '{' ? 'jsonl' : 'csv';
}

/**
 * Streams a member file into the sink: never holds more than one batch.
 * Rejected rows are named by line and skipped; everything else is stored.
 */
export async function importMemberFile(
  file: string,
  sink: ImportSink,
  opts: { dryRun?: boolean; format?: 'csv' | 'jsonl'; onProgress?: (rows: number) => void; batchSize?: number } = {},
): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new ImportFileError('FILE', `Cannot read file "${file}"`);
  const head = Buffer.alloc(1);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 1, 0);
  fs.closeSync(fd);
  const format = opts.format ?? detectFormat(file, head.toString('utf8'));
  const batcher = new ImportBatcher(sink, !!opts.dryRun, opts.batchSize);
  let lastProgress = 0;
  const progress = () => {
    if (batcher.summary.rows - lastProgress >= 10_000) {
      lastProgress = batcher.summary.rows;
      opts.onProgress?.(lastProgress);
    }
  };
  if (format === 'jsonl') {
    const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const text of lines) {
      n++;
      if (!text.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        batcher.summary.rows++;
        batcher.reject(n, [{ field: 'line', message: 'not valid JSON' }]);
        continue;
      }
      batcher.add(raw, n);
      progress();
    }
  } else {
    const parser = fs.createReadStream(file).pipe(parse({ bom: true, columns: checkHeader, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      batcher.add(recordToProfile(record), info.lines);
      progress();
    }
  }
  batcher.flush();
  opts.onProgress?.(batcher.summary.rows);
  return batcher.summary;
}

function checkHeader(header: string[]): string[] {
  const unknown = header.filter((c) => !isImportColumn(c));
  if (unknown.length) {
    throw new ImportFileError('header', `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}: use profile fields, or attributes.NAME / consent.CHANNEL`);
  }
  if (!header.includes('id')) throw new ImportFileError('header', 'The header needs an "id" column');
  return header;
}
