// Renames declared in the desired state: `renamedFrom:` in YAML, `-- sfm:renamed-from old_name` in SQL. A rename
// applies while the current state has the old name and not the new one; after that the hint is inert.
import { byteToCharOffset, locate } from '../errors.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { Rename } from '../model/rename.js';

export type { Rename } from '../model/rename.js';

const MARK = /--\s*sfm:renamed-from\s+("(?:[^"]|"")+"|[^\s,;]+)/;

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase());

/** Renames marked by comments in an SQL file: before or on the CREATE TABLE line for the table, on a column's
 * line or the comment line just above it for the column. */
export function sqlRenames(file: string, text: string, statements: readonly ParsedStatement[]): Rename[] {
  const out: Rename[] = [];
  statements.forEach((s, i) => {
    if (s.type !== 'CreateStmt') return;
    const { schema, table } = createdTable(s);
    const prev = statements[i - 1];
    const headEnd = text.indexOf('\n', s.offset);
    const head = text.slice(prev ? prev.offset + prev.sql.length : 0, headEnd < 0 ? text.length : headEnd);
    const lines = head.split('\n');
    // Only the comment lines directly before the statement, and its first line.
    const own = [lines[lines.length - 1] ?? ''];
    for (let k = lines.length - 2; k >= 0 && /^\s*--/.test(lines[k] ?? ''); k--) own.push(lines[k] ?? '');
    const tableMark = own.map((l) => MARK.exec(l)).find(Boolean);
    if (tableMark?.[1]) {
      out.push({
        kind: 'table',
        schema,
        table,
        from: unquote(tableMark[1]),
        to: table,
        at: locate(file, text, text.indexOf(tableMark[0], s.offset - head.length)),
      });
    }
    for (const m of columnMarks(text, s, MARK)) {
      out.push({
        kind: 'column',
        schema,
        table,
        from: unquote(m.value),
        to: m.column,
        at: locate(file, text, m.offset),
      });
    }
  });
  return out;
}

/** The table a CREATE TABLE statement names. */
export function createdTable(s: ParsedStatement): { schema: string; table: string } {
  const rel = s.tree && 'CreateStmt' in s.tree ? s.tree.CreateStmt.relation : undefined;
  return { schema: rel?.schemaname ?? 'public', table: rel?.relname ?? '' };
}

/**
 * Marks (`mark`'s first group) on a column's line of a CREATE TABLE statement or on the comment line just above it:
 * the column, the marked value and the mark's character offset in the file.
 */
export function columnMarks(
  text: string,
  s: ParsedStatement,
  mark: RegExp,
): { column: string; value: string; offset: number }[] {
  const out: { column: string; value: string; offset: number }[] = [];
  const elements = s.tree && 'CreateStmt' in s.tree ? (s.tree.CreateStmt.tableElts ?? []) : [];
  const cols = elements.flatMap((e) => ('ColumnDef' in e && e.ColumnDef.location !== undefined ? [e.ColumnDef] : []));
  const starts = cols.map((c) => byteToCharOffset(text, c?.location ?? 0));
  for (const [i, col] of cols.entries()) {
    const at = starts[i] ?? 0;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    // A column's line ends where the next column starts, when several share a line.
    const next = starts[i + 1];
    const end = Math.min(lineEnd < 0 ? text.length : lineEnd, next !== undefined && next > at ? next : Infinity);
    const same = text.slice(at, end);
    const above = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, Math.max(lineStart - 1, 0));
    const found = mark.exec(same) ?? (/^\s*--/.test(above) ? mark.exec(above) : null);
    if (found?.[1] && col?.colname) {
      const offset = same.includes(found[0])
        ? at + same.indexOf(found[0])
        : lineStart - 1 - above.length + above.indexOf(found[0]);
      out.push({ column: col.colname, value: found[1], offset });
    }
  }
  return out;
}
