// An expression over a table's columns (a declared `using:` conversion) written over other names: `price * 100`
// with price → NEW."price" for a trigger, or → a."price" for a join. Column references are found by the parser, so
// names inside strings or function names are left alone. Call ensureParser() first.
import { parseSync } from 'libpg-query';
import { eachNode, names } from './tree.js';

const PREFIX = 'SELECT ';

/** `expr` with each unqualified reference to a column of `map` replaced by its text there. */
export function rewriteColumns(expr: string, map: ReadonlyMap<string, string>): string {
  const sql = `${PREFIX}${expr}`;
  const found: { at: number; end: number; text: string }[] = [];
  const bytes = Buffer.from(sql, 'utf8');
  eachNode(parseSync(sql).stmts, (node) => {
    if (!('ColumnRef' in node)) return;
    const parts = names(node.ColumnRef.fields);
    const text = parts.length === 1 ? map.get(parts[0] ?? '') : undefined;
    const at = node.ColumnRef.location;
    if (text === undefined || at === undefined) return;
    // The reference's own text: a quoted name ("a""b") or a plain one, as written.
    const rest = bytes.subarray(at).toString('utf8');
    const m = /^("(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)/.exec(rest);
    if (m?.[1]) found.push({ at, end: at + Buffer.byteLength(m[1]), text });
  });
  let out = bytes;
  for (const f of found.sort((a, b) => b.at - a.at))
    out = Buffer.concat([out.subarray(0, f.at), Buffer.from(f.text), out.subarray(f.end)]);
  return out.toString('utf8').slice(PREFIX.length);
}
