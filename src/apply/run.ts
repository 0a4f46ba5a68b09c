// Runs one migration section. The section is cut into segments: runs of ordinary statements share one
// transaction; a statement marked no-transaction (CREATE/DROP INDEX CONCURRENTLY, VALIDATE CONSTRAINT, ALTER TYPE …
// ADD VALUE) runs alone, outside any transaction. A section without such statements is one transaction together
// with its history change, so a failure leaves the database and the history as they were. With them, each finished
// segment is recorded in sfm_schema.progress, and a re-run resumes at the first unfinished one.
//
// Every statement runs under lock_timeout; a lock timeout rolls the segment back and retries it after a growing
// delay, a bounded number of times.
import { inTransaction, type Queryable } from '../db/queryable.js';
import { progressOf, recordProgress } from './history.js';
import { MigrationError, locate, sqlStateOf } from '../errors.js';
import { segmentsOf, type SectionSource, type Segment, type Statement } from '../migrations/segments.js';
import type { ParsedStatement } from '../sql/parse.js';
import { quoteLiteral, qualify } from '../sql/quote.js';

export type { SectionSource } from '../migrations/segments.js';

export interface RunSettings {
  readonly lockTimeout: string;
  readonly statementTimeout?: string;
  /** How many times a segment is tried again after a lock timeout. */
  readonly lockRetries: number;
  /** The first wait before a retry; each further wait doubles. */
  readonly retryDelayMs: number;
  /** Through a pooler that shares server connections: no session SET (it would stay on someone else's server
   * connection); statements outside a transaction then run with the server's own timeouts. */
  readonly pooled?: boolean;
  readonly onEvent?: (e: RunEvent) => void;
}

export type RunEvent =
  | {
      readonly type: 'statement';
      readonly file: string;
      readonly line: number;
      readonly sql: string;
      readonly ms: number;
    }
  | {
      readonly type: 'retry';
      readonly file: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly type: 'invalid-index'; readonly index: string; readonly action: 'rebuilt' | 'kept' };

export const DEFAULT_RUN: RunSettings = { lockTimeout: '5s', lockRetries: 3, retryDelayMs: 2000 };

const LOCK_NOT_AVAILABLE = '55P03';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Timeouts, and function bodies left unchecked at creation as pg_dump does: a SQL body may call a function the
 * same migration creates later (pg_depend does not see such calls, so the plan cannot order by them). */
function settingsSql(s: RunSettings, local: boolean): string[] {
  const set = local ? 'SET LOCAL' : 'SET';
  return [
    `${set} lock_timeout = ${quoteLiteral(s.lockTimeout)}`,
    ...(s.statementTimeout ? [`${set} statement_timeout = ${quoteLiteral(s.statementTimeout)}`] : []),
    `${set} check_function_bodies = off`,
  ];
}

const RESET = ['RESET lock_timeout', 'RESET statement_timeout', 'RESET check_function_bodies'];

async function runStatement(db: Queryable, src: SectionSource, stmt: Statement, s: RunSettings): Promise<void> {
  const at = locate(src.file, src.sql, stmt.offset);
  const started = Date.now();
  try {
    await db.exec(stmt.sql);
  } catch (err) {
    throw new MigrationError(
      `${at.file}:${at.line}:${at.column}: statement ${stmt.n} failed: ${(err as Error).message}\n  ${stmt.sql.split('\n').join('\n  ')}`,
      { cause: err, details: { file: at.file, line: at.line, column: at.column, step: stmt.n } },
    );
  }
  s.onEvent?.({ type: 'statement', file: at.file, line: at.line, sql: stmt.sql, ms: Date.now() - started });
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
          `${(err as Error).message}\n  gave up after ${tries + 1} attempts (lock_timeout ${s.lockTimeout}); another session ` +
            `holds a conflicting lock`,
          { cause: err },
        );
      }
      const delayMs = s.retryDelayMs * 2 ** tries;
      s.onEvent?.({ type: 'retry', file: src.file, attempt: tries + 1, delayMs, reason: 'lock timeout' });
      await sleep(delayMs);
    }
  }
}

/** The index a CREATE INDEX CONCURRENTLY statement builds, as [schema, name]. */
export function concurrentIndexOf(stmt: ParsedStatement): [string, string] | undefined {
  if (stmt.type !== 'IndexStmt' || stmt.node['concurrent'] !== true || typeof stmt.node['idxname'] !== 'string')
    return undefined;
  const rel = stmt.node['relation'] as { schemaname?: string } | undefined;
  return [rel?.schemaname ?? 'public', stmt.node['idxname']];
}

/** A failed concurrent build leaves an invalid index behind: drop it so the build can run again. A valid one
 * means an earlier run built it but stopped before recording that: keep it. */
async function settleConcurrentIndex(db: Queryable, stmt: ParsedStatement, s: RunSettings): Promise<'build' | 'skip'> {
  const target = concurrentIndexOf(stmt);
  if (!target) return 'build';
  const rows = await db.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    target,
  );
  const row = rows[0];
  if (!row) return 'build';
  const index = qualify(...target);
  if (row.valid) {
    s.onEvent?.({ type: 'invalid-index', index, action: 'kept' });
    return 'skip';
  }
  await db.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
  s.onEvent?.({ type: 'invalid-index', index, action: 'rebuilt' });
  return 'build';
}

/**
 * Runs a section; `record` writes the history change inside the last transaction. `progressKey` names the run in
 * sfm_schema.progress. Returns the elapsed milliseconds.
 */
export async function runSection(
  db: Queryable,
  src: SectionSource,
  progressKey: string,
  record: () => Promise<void>,
  s: RunSettings,
): Promise<number> {
  const segments = await segmentsOf(src);
  const started = Date.now();
  const finish = async () => {
    await record();
    await db.query(`DELETE FROM sfm_schema.progress WHERE key = $1`, [progressKey]);
  };
  if (segments.length === 0) {
    await inTransaction(db, finish);
    return Date.now() - started;
  }
  // Statements outside a transaction run under session settings, set once before the first of them and reset
  // when the section ends (transactions in between set their own, locally).
  let sessionSettings = false;
  try {
    for (let i = await progressOf(db, progressKey); i < segments.length; i++) {
      const seg = segments[i] as Segment;
      const last = i === segments.length - 1;
      if (seg.transactional) {
        await withLockRetry(src, s, () =>
          inTransaction(db, async () => {
            await db.exec(settingsSql(s, true).join('; '));
            for (const stmt of seg.statements) await runStatement(db, src, stmt, s);
            if (last) await finish();
            else await recordProgress(db, progressKey, i + 1);
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
          if ((await settleConcurrentIndex(db, stmt, s)) === 'build') await runStatement(db, src, stmt, s);
        });
      }
      if (last) await inTransaction(db, finish);
      else await recordProgress(db, progressKey, i + 1);
    }
  } finally {
    if (sessionSettings) await db.exec(RESET.join('; ')).catch(() => {});
  }
  return Date.now() - started;
}

/** Exactly what runSection sends, for --dry-run: transaction boundaries, timeouts, statements. */
export async function sectionScript(src: SectionSource, s: RunSettings, recordSql: string): Promise<string> {
  const segments = await segmentsOf(src);
  const out: string[] = [];
  const tx = (body: string[]) => ['BEGIN;', ...settingsSql(s, true).map((x) => `${x};`), ...body, 'COMMIT;'];
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    const body = seg.statements.map((x) => `${x.sql};`);
    if (seg.transactional) out.push(...tx([...body, ...(last ? [recordSql] : [])]));
    else {
      out.push(
        '-- outside a transaction (retried on lock timeout; resumed here by a re-run after a failure)',
        ...settingsSql(s, false).map((x) => `${x};`),
        ...body,
        ...RESET.map((x) => `${x};`),
      );
      if (last) out.push(...tx([recordSql]));
    }
  });
  if (segments.length === 0) out.push(...tx([recordSql]));
  return out.join('\n');
}
