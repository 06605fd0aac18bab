/**
 * Turns a statement written in SQLite's dialect (by drizzle's SQLite builder
 * or by hand in src/db) into Postgres text: `?` parameters become `$1…`
 * (outside string literals, quoted names and comments), `BEGIN IMMEDIATE`
 * becomes `BEGIN`, and an insert into a table with an autoincrementing key
 * returns that key (better-sqlite3's `lastInsertRowid`). Nothing else is
 * rewritten: SQL that differs between the dialects is chosen in src/db.
 */
export function toPgText(source: string, rowIdColumns: Record<string, string>): { sql: string; rowId: string | null } {
  let out = '';
  let n = 0;
  const mixedCase = mixedCaseAliases(source);
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (mixedCase.size && /[A-Za-z_]/.test(c) && !/[\w$]/.test(source[i - 1] ?? '')) {
      // Postgres folds unquoted names to lower case, SQLite keeps `as memberId` as written: quote such names wherever they are used.
      const word = /^[A-Za-z_]\w*/.exec(source.slice(i))![0];
      out += mixedCase.has(word) ? `"${word}"` : word;
      i += word.length - 1;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = closing(source, i, c);
      // Backquoted names (SQLite accepts them) are double-quoted names in Postgres.
      out += c === '`' ? `"${source.slice(i + 1, end)}"` : source.slice(i, end + 1);
      i = end;
    } else if (c === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      out += end === -1 ? source.slice(i) : source.slice(i, end);
      i = end === -1 ? source.length : end - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  out = out.replace(/^\s*begin\s+(immediate|deferred|exclusive)\b/i, 'begin');
  const insert = /^\s*insert\s+into\s+"?(\w+)"?/i.exec(out);
  const rowId = insert ? (rowIdColumns[insert[1]] ?? null) : null;
  // drizzle's SQLite builder writes a literal null for a key the row leaves out (SQLite then numbers the row); Postgres
  // numbers it only for DEFAULT.
  if (rowId) out = keyNullToDefault(out, rowId);
  if (rowId && !/\breturning\b/i.test(out)) out = `${out.replace(/[\s;]+$/, '')} returning "${rowId}"`;
  return { sql: out, rowId: rowId && /\breturning\b/i.test(source) ? null : rowId };
}

const TYPE_NAMES = new Set(['text', 'integer', 'int', 'bigint', 'real', 'numeric', 'double', 'float', 'boolean', 'jsonb', 'json', 'varchar', 'blob']);

/** Names given with `as` that have upper-case letters (`node_id as nodeId`). */
function mixedCaseAliases(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/\bas\s+([A-Za-z_]\w*)/gi)) if (/[A-Z]/.test(m[1]) && !TYPE_NAMES.has(m[1].toLowerCase())) names.add(m[1]);
  return names;
}

/** Index of the quote that closes the literal or name opened at `start` (a doubled quote is an escaped one). */
function closing(source: string, start: number, quote: string): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] !== quote) continue;
    if (source[i + 1] === quote) {
      i++;
      continue;
    }
    return i;
  }
  return source.length - 1;
}

/** In `insert into t ("a", "id", …) values (…, null, …), (…)`, the key's literal nulls become DEFAULT. */
function keyNullToDefault(text: string, key: string): string {
  const head = /^\s*insert\s+into\s+"?\w+"?\s*\(([^)]*)\)\s*values\s*/i.exec(text);
  if (!head) return text;
  const at = head[1].split(',').map((c) => c.trim().replace(/"/g, '')).indexOf(key);
  if (at < 0) return text;
  let out = text.slice(0, head[0].length);
  let i = head[0].length;
  // Each tuple: split its top-level items, replace the key's item when it is the literal null.
  while (i < text.length && text[i] === '(') {
    const items: string[] = [];
    let depth = 0;
    let start = i + 1;
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === "'" || c === '"') j = closing(text, j, c);
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
      else if (c === ',' && depth === 1) {
        items.push(text.slice(start, j));
        start = j + 1;
      }
    }
    items.push(text.slice(start, j));
    if (items[at]?.trim().toLowerCase() === 'null') items[at] = ' default';
    out += `(${items.join(',')})`;
    i = j + 1;
    const sep = /^\s*,\s*/.exec(text.slice(i));
    if (!sep) break;
    out += sep[0];
    i += sep[0].length;
  }
  return out + text.slice(i);
}
