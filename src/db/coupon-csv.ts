import { parse } from 'csv-parse/sync';

/**
 * Bad input to a coupon operation, naming the field. It has the shape `isInputError` (src/members/errors.ts)
 * recognises, so routes answer 400 with the field; src/db does not import from above itself.
 */
export class CouponInputError extends Error {
  readonly inputError = true as const;
  constructor(readonly fields: { field: string; message: string }[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'InputError';
  }
}

/** An upload larger than this is refused as a whole (nothing stored): split it into several files. */
export const MAX_CSV_CHARS = 5_000_000;
export const MAX_CODES_PER_UPLOAD = 100_000;
/** Visible ASCII without quotes, commas or spaces: what a till, a QR code and an SMS carry unchanged. */
const CODE = /^[!#-+\--~]{1,64}$/;

export type RejectReason = 'invalid' | 'duplicate' | 'columns';
export interface RejectedLine {
  /** 1-based line in the file, as a spreadsheet numbers it. */
  line: number;
  reason: RejectReason;
  code?: string;
  /** For a duplicate: the line that had the code first. */
  firstLine?: number;
}
export interface ParsedCodes {
  codes: { line: number; code: string }[];
  rejected: RejectedLine[];
}

/**
 * Codes from a CSV: one code per line, or a file whose header has a `code` column (other columns ignored).
 * Blank lines are skipped; a line with an invalid code, a code repeated in the file, or several values without a
 * `code` header is rejected by line number while the good lines still count. A file over the size limit or that is
 * not CSV at all (an unclosed quote) is refused with an InputError naming `csv`.
 */
export function parseCodeCsv(text: string): ParsedCodes {
  if (text.length > MAX_CSV_CHARS) throw new CouponInputError([{ field: 'csv', message: `The file is larger than ${MAX_CSV_CHARS / 1_000_000} MB: split it` }]);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    throw new CouponInputError([{ field: 'csv', message: `Not a readable CSV: ${(err as Error).message}` }]);
  }
  let column = 0;
  let rows = records;
  const header = records[0]?.record.map((c) => c.toLowerCase());
  // A first line with a `code` cell is a header (a pool never holds the literal code "code").
  if (header?.includes('code')) {
    column = header.indexOf('code');
    rows = records.slice(1);
  }
  const hasHeader = rows !== records;
  if (rows.length > MAX_CODES_PER_UPLOAD) {
    throw new CouponInputError([{ field: 'csv', message: `The file has ${rows.length} lines; at most ${MAX_CODES_PER_UPLOAD} codes per upload` }]);
  }
  const firstSeen = new Map<string, number>();
  const out: ParsedCodes = { codes: [], rejected: [] };
  for (const { record, info } of rows) {
    const line = info.lines;
    const values = record.filter((v) => v !== '');
    if (!hasHeader && values.length > 1) {
      out.rejected.push({ line, reason: 'columns' });
      continue;
    }
    const code = hasHeader ? (record[column] ?? '') : (values[0] ?? '');
    if (code === '' && hasHeader && values.length === 0) continue;
    if (!CODE.test(code)) {
      out.rejected.push({ line, reason: 'invalid', code: code.slice(0, 80) });
      continue;
    }
    const first = firstSeen.get(code);
    if (first !== undefined) {
      out.rejected.push({ line, reason: 'duplicate', code, firstLine: first });
      continue;
    }
    firstSeen.set(code, line);
    out.codes.push({ line, code });
  }
  return out;
}
