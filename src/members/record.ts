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

/** How one column's cell goes into the raw profile: worked out once per header, not once per row. */
interface ColumnPlan {
  column: string;
  /** For `group.key` columns. */
  group?: string;
  key?: string;
  kind: 'consent' | 'attribute' | 'nested' | 'number' | 'tags' | 'text';
}

function planColumn(column: string): ColumnPlan {
  const dot = column.indexOf('.');
  if (dot > 0) {
    const group = column.slice(0, dot);
    const key = column.slice(dot + 1);
    return { column, group, key, kind: group === 'consent' ? 'consent' : group === 'attributes' ? 'attribute' : 'nested' };
  }
  if (NUMBER_FIELDS.has(column)) return { column, kind: 'number' };
  if (column === 'tags') return { column, kind: 'tags' };
  return { column, kind: 'text' };
}

function cellsToProfile(plan: ColumnPlan[], cells: readonly (string | undefined)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.min(plan.length, cells.length);
  for (let i = 0; i < n; i++) {
    const cell = cells[i]?.trim();
    if (cell === undefined || cell === '') continue;
    const c = plan[i];
    switch (c.kind) {
      case 'text':
        out[c.column] = cell;
        break;
      case 'number':
        out[c.column] = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
        break;
      case 'tags':
        out.tags = cell.split(/[|;]/).map((t) => t.trim()).filter(Boolean);
        break;
      default: {
        const nested = (out[c.group!] ??= {}) as Record<string, unknown>;
        if (c.kind === 'consent') {
          const lower = cell.toLowerCase();
          nested[c.key!] = TRUE.has(lower) ? true : FALSE.has(lower) ? false : cell;
        } else nested[c.key!] = c.kind === 'attribute' ? attributeValue(cell) : cell;
      }
    }
  }
  return out;
}

/** Builds the raw profile object (validated afterwards by the one profile schema). */
export function recordToProfile(record: Record<string, string | undefined>): Record<string, unknown> {
  return cellsToProfile(Object.keys(record).map(planColumn), Object.values(record));
}

/**
 * `recordToProfile` for a file's rows as arrays of cells in header order (the
 * import's CSV reader): the header is looked at once. A row with fewer cells
 * than the header lacks the rest; cells beyond the header are ignored.
 */
export function rowMapper(header: readonly string[]): (cells: readonly (string | undefined)[]) => Record<string, unknown> {
  const plan = header.map(planColumn);
  return (cells) => cellsToProfile(plan, cells);
}
