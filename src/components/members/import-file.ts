import { parse } from 'csv-parse/browser/esm/sync';
import { IMPORT_COLUMNS, isImportColumn } from '@/members/record';

/**
 * A member file read in the browser: its columns and, per row, the file line
 * it came from and its cells in column order. CSV cells are as written;
 * JSONL profiles are flattened into the same dotted columns a CSV uses
 * (`consent.sms`, `attributes.rfm`, tags joined with "|"), so one server path
 * (`members.importRows`) serves both formats.
 */
export interface ParsedFile {
  format: 'csv' | 'jsonl';
  columns: string[];
  rows: { line: number; cells: string[] }[];
  /** Lines that are not a JSON object (JSONL only): reported as row errors without being sent. */
  badLines: number[];
}

export function detectFormat(name: string, text: string): 'csv' | 'jsonl' {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(name)) return 'jsonl';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function parseMemberFile(name: string, text: string): ParsedFile {
  return detectFormat(name, text) === 'csv' ? parseCsv(text) : parseJsonl(text);
}

function parseCsv(text: string): ParsedFile {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...data] = records;
  const columns = (header?.record ?? []).map((c) => c.trim());
  return { format: 'csv', columns, rows: data.map((r) => ({ line: r.info.lines, cells: r.record })), badLines: [] };
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A profile object as dotted columns: nested objects one level deep, tags joined with "|". */
export function flattenProfile(profile: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(profile)) {
    if (key === 'tags' && Array.isArray(value)) out.tags = value.map(cellOf).join('|');
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) out[`${key}.${sub}`] = cellOf(v);
    } else out[key] = cellOf(value);
  }
  return out;
}

function parseJsonl(text: string): ParsedFile {
  const columns: string[] = [];
  const index = new Map<string, number>();
  const flat: { line: number; values: Record<string, string> }[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      badLines.push(i + 1);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      badLines.push(i + 1);
      return;
    }
    const values = flattenProfile(value as Record<string, unknown>);
    for (const key of Object.keys(values)) if (!index.has(key)) index.set(key, columns.push(key) - 1);
    flat.push({ line: i + 1, values });
  });
  return { format: 'jsonl', columns, rows: flat.map((r) => ({ line: r.line, cells: columns.map((c) => r.values[c] ?? '') })), badLines };
}

/** Channels offered as `consent.<channel>` targets, whatever the file's column is called. */
const CONSENT_CHANNELS = ['sms', 'email', 'wechat_template', 'miniprogram', 'app_push', 'wecom', 'in_app'];
const TARGETS: string[] = [...IMPORT_COLUMNS, ...CONSENT_CHANNELS.map((c) => `consent.${c}`)];

/** The custom attribute a column could become (`attributes.rfm_score`), or null when its name has no usable letters. */
export function attributeTarget(column: string): string | null {
  let name = column.trim().replace(/\W+/g, '_').replace(/^_+|_+$/g, '');
  if (!/[A-Za-z0-9]/.test(name)) return null;
  if (/^\d/.test(name)) name = `_${name}`;
  return `attributes.${name.slice(0, 64)}`;
}

/** What a column can be mapped to: "" (ignore), the profile fields, the column itself when it is already a dotted field, or an attribute. */
export function targetsFor(column: string): string[] {
  const extra = isImportColumn(column) ? (TARGETS.includes(column) ? [] : [column]) : [attributeTarget(column)].filter((t): t is string => t !== null);
  return ['', ...TARGETS, ...extra];
}

/** The field a column maps to at first: itself when the import knows it (case aside), else ignored. */
export function defaultTarget(column: string): string {
  if (isImportColumn(column)) return column;
  const lower = column.trim().toLowerCase();
  return (IMPORT_COLUMNS as readonly string[]).find((c) => c.toLowerCase() === lower) ?? '';
}

/** Problems that stop an import before it starts: no id column, or a field chosen twice. */
export function mappingProblems(mapping: string[]): { needId: boolean; duplicates: string[] } {
  const chosen = mapping.filter(Boolean);
  const duplicates = [...new Set(chosen.filter((f, i) => chosen.indexOf(f) !== i))];
  return { needId: !chosen.includes('id'), duplicates };
}

/** One row as `importRows` takes it: mapped fields only, empty cells left out (an import never clears a field). */
export function mapRow(cells: string[], mapping: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  mapping.forEach((field, i) => {
    const cell = cells[i];
    if (field && cell !== undefined && cell.trim() !== '') out[field] = cell;
  });
  return out;
}

/**
 * Requests of at most `size` rows whose lines follow each other, so that the
 * server's `firstLine + index` names the right line even after a multi-line
 * CSV cell or a skipped blank JSONL line.
 */
export function chunkRows<T extends { line: number }>(rows: T[], size: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const row of rows) {
    const last = current[current.length - 1];
    if (current.length >= size || (last && row.line !== last.line + 1)) {
      chunks.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length) chunks.push(current);
  return chunks;
}
