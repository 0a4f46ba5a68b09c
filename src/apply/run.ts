// Runs one migration section in one transaction together with its history change; a failing statement rolls
// the whole migration back and is reported with its file, line and text.
import type { Queryable } from '../db/queryable.js';
import { MigrationError, locate } from '../errors.js';
import { ensureParser, parseFile } from '../sql/parse.js';

export interface SectionSource {
  readonly file: string;
  /** The section text, padded so that offsets are those of the file. */
  readonly sql: string;
}

export async function statementsOf(src: SectionSource) {
  await ensureParser();
  return parseFile(src.file, src.sql);
}

export async function runInTransaction(
  db: Queryable,
  src: SectionSource,
  record: () => Promise<void>,
  settings: readonly string[] = [],
): Promise<number> {
  const statements = await statementsOf(src);
  const started = Date.now();
  await db.exec('BEGIN');
  try {
    for (const s of settings) await db.exec(s);
    for (const [i, stmt] of statements.entries()) {
      try {
        await db.exec(stmt.sql);
      } catch (err) {
        const at = locate(src.file, src.sql, stmt.offset);
        throw new MigrationError(
          `${at.file}:${at.line}:${at.column}: statement ${i + 1} failed: ${(err as Error).message}\n  ${stmt.sql.split('\n').join('\n  ')}`,
          { cause: err },
        );
      }
    }
    await record();
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => {});
    throw err;
  }
  return Date.now() - started;
}
