// Loading a dev database fast: many statements, one round trip and one commit, in batches small enough that the
// locks of the relations they create fit the server's lock table. Where a batch fails, its statements run one at a
// time (for the error's place, or for statements a transaction refuses: CREATE INDEX CONCURRENTLY, a new enum value
// used at once). Statements holding transaction control of their own turn batches off (a COMMIT inside a batch
// would commit part of it before a later statement fails).
import type { Queryable } from '../db/queryable.js';
import { UNCHECKED_BODIES } from './settings.js';
import { execStatement, statementError, type LocatedSql, type Telling } from './statement.js';

const BATCH_SIZE = 100;

/** Whether these parsed statements may share batches. */
const batchable = (statements: readonly { readonly type: string }[]): boolean =>
  !statements.some((s) => s.type === 'TransactionStmt');

/** Runs the statements in one transaction; false, with nothing changed, when any of them fails. */
async function tryBatch(db: Queryable, statements: readonly LocatedSql[]): Promise<boolean> {
  try {
    // A newline before each `;` ends a trailing line comment of the statement.
    await db.exec(`BEGIN;\n${statements.map((s) => `${s.sql}\n;`).join('\n')}\nCOMMIT`);
    return true;
  } catch {
    await db.exec('ROLLBACK').catch(() => undefined);
    return false;
  }
}

type Batched = LocatedSql & { readonly type: string };

/** Runs statements in order, in batches where they succeed; the first that fails on its own stops the run. Function
 * bodies are not checked, as apply runs them (settings.ts). */
export async function runBatched(db: Queryable, statements: readonly Batched[], tell: Telling): Promise<void> {
  await db.exec(UNCHECKED_BODIES);
  const size = batchable(statements) ? BATCH_SIZE : 1;
  for (let i = 0; i < statements.length; i += size) {
    const batch = statements.slice(i, i + size);
    if (size > 1 && (await tryBatch(db, batch))) continue;
    for (const stmt of batch) await execStatement(db, stmt, tell);
  }
}

/**
 * Statements that may refer to objects of statements that come later (the desired state's files): batches while
 * they succeed, in order; from the first batch that fails on, one statement at a time, and the ones that fail are
 * tried again in further rounds (a failed statement changes nothing), until a round makes no progress; then the
 * first remaining error is reported at its place. Function bodies are checked here: the files are the user's.
 */
export async function runInRounds(db: Queryable, statements: readonly Batched[]): Promise<void> {
  let done = 0;
  if (batchable(statements)) {
    while (done < statements.length && (await tryBatch(db, statements.slice(done, done + BATCH_SIZE))))
      done += BATCH_SIZE;
  }
  let pending = statements.slice(done);
  while (pending.length > 0) {
    const failed: { stmt: Batched; err: unknown }[] = [];
    for (const stmt of pending) {
      try {
        await db.exec(stmt.sql);
      } catch (err) {
        failed.push({ stmt, err });
      }
    }
    const first = failed[0];
    if (!first) return;
    if (failed.length === pending.length) {
      throw statementError(first.stmt, first.err, { atPosition: true });
    }
    pending = failed.map((f) => f.stmt);
  }
}
