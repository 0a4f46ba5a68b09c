// Many statements, one round trip and one commit: the fast way to load a dev database. Callers fall back to one
// statement at a time where a batch fails, for the error's place or for statements a transaction refuses
// (CREATE INDEX CONCURRENTLY, a new enum value used at once).
import type { Queryable } from './queryable.js';

/** Statements per batch: few enough that the locks of the relations they create fit the server's lock table. */
export const BATCH_SIZE = 100;

/** Whether these parsed statements may share batches: not when they hold transaction control of their own (a
 * COMMIT inside a batch would commit part of it before a later statement fails). */
export const batchable = (statements: readonly { readonly type: string }[]): boolean =>
  !statements.some((s) => s.type === 'TransactionStmt');

/** Runs the statements in one transaction; false, with nothing changed, when any of them fails. */
export async function tryBatch(db: Queryable, statements: readonly string[]): Promise<boolean> {
  try {
    // A newline before each `;` ends a trailing line comment of the statement.
    await db.exec(`BEGIN;\n${statements.map((s) => `${s}\n;`).join('\n')}\nCOMMIT`);
    return true;
  } catch {
    await db.exec('ROLLBACK').catch(() => undefined);
    return false;
  }
}
