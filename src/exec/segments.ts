// Runs a migration section as apply runs it, cut into segments: runs of ordinary statements share one transaction;
// a statement marked no-transaction (CREATE/DROP INDEX CONCURRENTLY, VALIDATE CONSTRAINT, ALTER TYPE … ADD VALUE)
// runs alone, outside any transaction. A section without such statements is one transaction together with its
// history change, so a failure leaves the database and the history as they were. With them, each finished segment
// is recorded (Progress), and a re-run resumes at the first unfinished one.
//
// Every statement runs under lock_timeout; a lock timeout rolls the segment back and retries it after a growing
// delay, a bounded number of times. The proof runs the same sections the same way on the dev database.
import { inTransaction, type Queryable } from '../db/queryable.js';
import { MigrationError, sqlStateOf } from '../errors.js';
import { segmentsOf, type SectionSource, type Segment, type Statement } from '../migrations/segments.js';
import { settleConcurrentIndex, waitsForOlderTransactions } from './concurrent-index.js';
import { preflight, segmentRelations } from './preflight.js';
import { RESET, settingsSql, type RunSettings } from './settings.js';
import { execStatement, inSection } from './statement.js';
import { runBackfill } from './backfill.js';

/** Where a run of a section stands: segments already done, and how to record more (inside their transaction). */
export interface Progress {
  readonly done: number;
  /** How far the first unfinished segment, a backfill, got (exec/backfill.ts). */
  readonly cursor?: string;
  /** `done` segments are finished (called in the transaction of the last of them when it has one); `cursor`: how far
   * the next one, a backfill, got (called in the transaction of its batch). */
  record(done: number, cursor?: string): Promise<void>;
  /** The whole section is finished: the history change (in the last transaction). */
  finish(): Promise<void>;
}

export const NO_PROGRESS: Progress = { done: 0, record: async () => {}, finish: async () => {} };

export interface SectionHooks {
  readonly beforeStatement?: (stmt: Statement) => Promise<void>;
  /** After each statement, in its transaction: the proof observes what the statement did. */
  readonly afterStatement?: (stmt: Statement) => Promise<void>;
}

const LOCK_NOT_AVAILABLE = '55P03';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runStatement(db: Queryable, src: SectionSource, stmt: Statement, s: RunSettings, h: SectionHooks) {
  await h.beforeStatement?.(stmt);
  const started = Date.now();
  await execStatement(db, inSection(src, stmt), { what: `statement ${stmt.n} failed`, echo: true });
  const at = inSection(src, stmt).locate();
  s.onEvent?.({ type: 'statement', file: at.file, line: at.line, sql: stmt.sql, ms: Date.now() - started });
  await h.afterStatement?.(stmt);
}

/** Runs `attempt`, trying again after a lock timeout with a doubling delay. */
async function withLockRetry(src: SectionSource, s: RunSettings, attempt: () => Promise<void>): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (sqlStateOf(err) !== LOCK_NOT_AVAILABLE) throw err;
      if (tries >= s.lockRetries) {
        throw new MigrationError(
          `${err instanceof Error ? err.message : String(err)}\n  gave up after ${tries + 1} attempts (lock_timeout ` +
            `${s.lockTimeout}); another session holds a conflicting lock`,
          { cause: err },
        );
      }
      const delayMs = s.retryDelayMs * 2 ** tries;
      s.onEvent?.({ type: 'retry', file: src.file, attempt: tries + 1, delayMs, reason: 'lock timeout' });
      await sleep(delayMs);
    }
  }
}

/** Runs a section (cut here unless the caller cut it already); returns the elapsed milliseconds. */
export async function runSegments(
  db: Queryable,
  src: SectionSource,
  s: RunSettings,
  progress: Progress = NO_PROGRESS,
  hooks: SectionHooks = {},
  cut?: readonly Segment[],
): Promise<number> {
  const segments = cut ?? (await segmentsOf(src));
  const started = Date.now();
  if (segments.length === 0) {
    await inTransaction(db, () => progress.finish());
    return Date.now() - started;
  }
  // Statements outside a transaction run under session settings, set once before the first of them and reset
  // when the section ends (transactions in between set their own, locally).
  let sessionSettings = false;
  try {
    for (const [i, seg] of segments.entries()) {
      if (i < progress.done) continue;
      const last = i === segments.length - 1;
      await preflight(
        db,
        src.file,
        segmentRelations(seg.statements),
        s,
        seg.statements.some(waitsForOlderTransactions),
      );
      if (seg.backfill) {
        for (const stmt of seg.statements) {
          await hooks.beforeStatement?.(stmt);
          await runBackfill(db, stmt, s, {
            ...(i === progress.done && progress.cursor ? { cursor: progress.cursor } : {}),
            save: (cursor) => progress.record(i, cursor),
            retry: (attempt) => withLockRetry(src, s, attempt),
          });
          await hooks.afterStatement?.(stmt);
        }
        if (last) await inTransaction(db, () => progress.finish());
        else await progress.record(i + 1);
        continue;
      }
      if (seg.transactional) {
        await withLockRetry(src, s, () =>
          inTransaction(db, async () => {
            await db.exec(settingsSql(s, true).join('; '));
            for (const stmt of seg.statements) await runStatement(db, src, stmt, s, hooks);
            if (last) await progress.finish();
            else await progress.record(i + 1);
          }),
        );
        continue;
      }
      if (!s.pooled && !sessionSettings) {
        await db.exec(settingsSql(s, false).join('; '));
        sessionSettings = true;
      }
      for (const stmt of seg.statements) {
        await withLockRetry(src, s, async () => {
          if ((await settleConcurrentIndex(db, stmt, s)) === 'build') await runStatement(db, src, stmt, s, hooks);
        });
      }
      if (last) await inTransaction(db, () => progress.finish());
      else await progress.record(i + 1);
    }
  } finally {
    if (sessionSettings) await db.exec(RESET.join('; ')).catch(() => {});
  }
  return Date.now() - started;
}
