// Runs one migration section in one transaction together with its history change; a failing statement rolls
// the whole migration back and is reported with its file, line and text. Statements marked no-transaction
// (idempotent by construction) run first, each on its own.
import type { Queryable } from '../db/queryable.js';
import { MigrationError, locate } from '../errors.js';
import { ensureParser, parseFile, type ParsedStatement } from '../sql/parse.js';
import { NO_TRANSACTION } from '../migrations/format.js';

export interface SectionSource {
  readonly file: string;
  /** The section text, padded so that offsets are those of the file. */
  readonly sql: string;
}

export async function statementsOf(src: SectionSource) {
  await ensureParser();
  return parseFile(src.file, src.sql);
}

/** Statements preceded (since the previous statement) by the no-transaction marker. */
function outsideTransaction(src: SectionSource, statements: readonly ParsedStatement[]): boolean[] {
  return statements.map((s, i) => {
    const prev = statements[i - 1];
    return src.sql.slice(prev ? prev.offset + prev.sql.length : 0, s.offset).includes(NO_TRANSACTION);
  });
}

async function runStatement(db: Queryable, src: SectionSource, stmt: ParsedStatement, n: number): Promise<void> {
  try {
    await db.exec(stmt.sql);
  } catch (err) {
    const at = locate(src.file, src.sql, stmt.offset);
    throw new MigrationError(
      `${at.file}:${at.line}:${at.column}: statement ${n} failed: ${(err as Error).message}\n  ${stmt.sql.split('\n').join('\n  ')}`,
      { cause: err },
    );
  }
}

export async function runInTransaction(
  db: Queryable,
  src: SectionSource,
  record: () => Promise<void>,
  settings: readonly string[] = [],
): Promise<number> {
  const statements = await statementsOf(src);
  const outside = outsideTransaction(src, statements);
  const started = Date.now();
  for (const [i, stmt] of statements.entries()) if (outside[i]) await runStatement(db, src, stmt, i + 1);
  await db.exec('BEGIN');
  try {
    for (const s of settings) await db.exec(s);
    for (const [i, stmt] of statements.entries()) if (!outside[i]) await runStatement(db, src, stmt, i + 1);
    await record();
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => {});
    throw err;
  }
  return Date.now() - started;
}
