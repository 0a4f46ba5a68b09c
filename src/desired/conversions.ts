// Conversions declared in SQL desired-state files: `-- sfm:using <expression>` (and `-- sfm:using-down
// <expression>` for the way back) on a column's line of CREATE TABLE, or on the comment line just above it. The
// expression runs to the end of the line and must parse as one SQL expression.
import { LocatedError, locate } from '../errors.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { Conversion } from '../model/conversion.js';
import { checkExpression, FragmentError } from './yaml/yaml-fragments.js';
import { columnMarks, createdTable } from './renames.js';

const UP = /--\s*sfm:using\s+(\S.*?)\s*$/m;
const DOWN = /--\s*sfm:using-down\s+(\S.*?)\s*$/m;

/** A declared expression, checked by the parser; `where` locates an error. */
function checkedConversion(expression: string, where: () => LocatedError['location']): string {
  try {
    return checkExpression(expression);
  } catch (err) {
    if (err instanceof FragmentError) throw new LocatedError(where(), `sfm:using: ${err.message}`, { cause: err });
    throw err;
  }
}

export function sqlConversions(file: string, text: string, statements: readonly ParsedStatement[]): Conversion[] {
  const out: Conversion[] = [];
  for (const s of statements) {
    if (s.type !== 'CreateStmt') continue;
    const { schema, table } = createdTable(s);
    const downs = new Map(columnMarks(text, s, DOWN).map((m) => [m.column, m]));
    for (const m of columnMarks(text, s, UP)) {
      const at = () => locate(file, text, m.offset);
      const down = downs.get(m.column);
      out.push({
        schema,
        table,
        column: m.column,
        up: checkedConversion(m.value, at),
        down: down ? checkedConversion(down.value, () => locate(file, text, down.offset)) : null,
        at: at(),
      });
    }
  }
  return out;
}
