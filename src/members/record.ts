/**
 * A CSV row (or a row mapped in the import page) as a profile: column names
 * are profile fields (`tier`), dotted for nested ones (`consent.sms`,
 * `attributes.rfm`, `identities.wechatOpenId`); `tags` are separated by `|`.
 * Empty cells are absent, so a partial file never clears what is stored.
 */
export const IMPORT_COLUMNS = [
  'id', 'name', 'phone', 'email', 'gender', 'birthday', 'city', 'store', 'associate', 'tier', 'points', 'growth', 'storedValue', 'tz',
  'tags', 'joinedAt', 'joinChannel', 'identities.wechatOpenId', 'identities.wechatUnionId', 'identities.deviceId',
] as const;

const NUMBER_FIELDS = new Set(['points', 'growth', 'storedValue']);
const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/** Whether a column name is something an import can store. */
export function isImportColumn(column: string): boolean {
  return (IMPORT_COLUMNS as readonly string[]).includes(column) || /^(consent|attributes)\.[A-Za-z_]\w{0,63}$/.test(column);
}

function attributeValue(cell: string): unknown {
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(cell)) return Number(cell);
  if (cell === 'true' || cell === 'false') return cell === 'true';
  return cell;
}

/** Builds the raw profile object (validated afterwards by the one profile schema). */
export function recordToProfile(record: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = (key: string) => (out[key] ??= {}) as Record<string, unknown>;
  for (const [column, raw] of Object.entries(record)) {
    const cell = raw?.trim();
    if (cell === undefined || cell === '') continue;
    const dot = column.indexOf('.');
    if (dot > 0) {
      const group = column.slice(0, dot);
      const key = column.slice(dot + 1);
      const lower = cell.toLowerCase();
      if (group === 'consent') nested('consent')[key] = TRUE.has(lower) ? true : FALSE.has(lower) ? false : cell;
      else if (group === 'attributes') nested('attributes')[key] = attributeValue(cell);
      else nested(group)[key] = cell;
    } else if (NUMBER_FIELDS.has(column)) {
      out[column] = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
    } else if (column === 'tags') {
      out.tags = cell.split(/[|;]/).map((t) => t.trim()).filter(Boolean);
    } else {
      out[column] = cell;
    }
  }
  return out;
}
