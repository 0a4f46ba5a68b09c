// Renames declared in the desired state: `renamedFrom:` in YAML, `-- sfm:renamed-from old_name` in SQL. A rename
// applies while the current state has the old name and not the new one; after that the hint is inert.
import { byteToCharOffset, locate } from '../errors.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { Rename } from '../model/rename.js';

export type { Rename } from '../model/rename.js';

const MARK = /--\s*sfm:renamed-from\s+("(?:[^"]|"")+"|[^\s,;]+)/;

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase());

interface ColumnDefNode { ColumnDef?: { colname?: string; location?: number } }

/** Renames marked by comments in an SQL file: before or on the CREATE TABLE line for the table, on a column's
 * line or the comment line just above it for the column. */
export function sqlRenames(file: string, text: string, statements: readonly ParsedStatement[]): Rename[] {
  const out: Rename[] = [];
  statements.forEach((s, i) => {
    if (s.type !== 'CreateStmt') return;
    const rel = s.node['relation'] as { schemaname?: string; relname?: string };
    const schema = rel.schemaname ?? 'public';
    const table = rel.relname ?? '';
    const prev = statements[i - 1];
    const headEnd = text.indexOf('\n', s.offset);
    const head = text.slice(prev ? prev.offset + prev.sql.length : 0, headEnd < 0 ? text.length : headEnd);
    const lines = head.split('\n');
    // Only the comment lines directly before the statement, and its first line.
    const own = [lines[lines.length - 1] ?? ''];
    for (let k = lines.length - 2; k >= 0 && /^\s*--/.test(lines[k] ?? ''); k--) own.push(lines[k] ?? '');
    const tableMark = own.map((l) => MARK.exec(l)).find(Boolean);
    if (tableMark?.[1]) {
      out.push({ kind: 'table', schema, table, from: unquote(tableMark[1]), to: table, at: locate(file, text, text.indexOf(tableMark[0], s.offset - head.length)) });
    }
    const cols = ((s.node['tableElts'] as ColumnDefNode[] | undefined) ?? []).map((e) => e.ColumnDef).filter((c) => c?.location !== undefined);
    for (const col of cols) {
      const at = byteToCharOffset(text, col?.location ?? 0);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      const same = text.slice(at, lineEnd < 0 ? text.length : lineEnd);
      const above = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, Math.max(lineStart - 1, 0));
      const mark = MARK.exec(same) ?? (/^\s*--/.test(above) ? MARK.exec(above) : null);
      if (mark?.[1] && col?.colname) {
        const where = same.includes(mark[0]) ? at + same.indexOf(mark[0]) : lineStart - 1 - above.length + above.indexOf(mark[0]);
        out.push({ kind: 'column', schema, table, from: unquote(mark[1]), to: col.colname, at: locate(file, text, where) });
      }
    }
  });
  return out;
}
