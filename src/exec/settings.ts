// How the executor runs statements: timeouts, retries after a lock timeout, and what it reports as it goes.
import type { BlockingSession } from '../errors.js';
import { quoteLiteral } from '../sql/quote.js';

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
  /** On a live database: look for sessions this run would queue behind before each segment (exec/preflight.ts). */
  readonly preflight?: PreflightPolicy;
  /** How a backfill step runs its batches (exec/backfill.ts). */
  readonly backfill?: BackfillSettings;
  readonly onEvent?: (e: RunEvent) => void;
}

export interface BackfillSettings {
  /** Rows per batch (each batch one transaction). */
  readonly batchRows: number;
  /** Wait between batches, for the server to keep up (vacuum, replicas). */
  readonly pauseMs: number;
  /** With replicas: wait before a batch while any is this many bytes of WAL behind. */
  readonly maxReplicaLagBytes: number;
}

export const DEFAULT_BACKFILL: BackfillSettings = { batchRows: 5000, pauseMs: 0, maxReplicaLagBytes: 64 * 1024 * 1024 };

/** A session a segment would queue behind (exec/preflight.ts). */
export type Blocker = BlockingSession;

export interface PreflightPolicy {
  /** After `waitMs` with blockers still there: refuse (nothing run), or warn and queue anyway; `off`: no look. */
  readonly mode: 'refuse' | 'warn' | 'off';
  readonly waitMs: number;
  /** A transaction open longer than this that holds a lock on a relation of the segment is a blocker. */
  readonly longTransactionMs: number;
  /** A session idle in its transaction for longer than this, holding such a lock, is a blocker (shorter idles are
   * the gaps between a busy client's statements). */
  readonly idleMs: number;
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
  | { readonly type: 'invalid-index'; readonly index: string; readonly action: 'rebuilt' | 'kept' }
  | {
      readonly type: 'backfill';
      readonly table: string;
      /** Rows updated by this run so far, and the table's estimated rows (pg_class.reltuples) when it began. */
      readonly rows: number;
      readonly estimate: number;
      readonly ms: number;
      readonly done: boolean;
    }
  | { readonly type: 'replica-lag'; readonly bytes: number; readonly waitMs: number }
  | {
      readonly type: 'preflight';
      readonly file: string;
      readonly blockers: readonly Blocker[];
      readonly action: 'refused' | 'went on';
    };

export const DEFAULT_RUN: RunSettings = { lockTimeout: '5s', lockRetries: 3, retryDelayMs: 2000 };

/** What `sfm-schema apply` does before each segment unless told otherwise (library callers pass it in `run`): wait up
 * to 10 s for sessions idle in a transaction for over 1 s, transactions older than the default lock timeout and queued
 * lock requests on its relations, then refuse. */
export const DEFAULT_PREFLIGHT: PreflightPolicy = {
  mode: 'refuse',
  waitMs: 10_000,
  longTransactionMs: 5_000,
  idleMs: 1_000,
};

/** Function bodies are left unchecked at creation, as pg_dump does: a SQL body may call a function the same
 * migration creates later (pg_depend does not see such calls, so the plan cannot order by them). */
export const UNCHECKED_BODIES = 'SET check_function_bodies = off';

/** Timeouts and unchecked function bodies, for one transaction (`local`) or the session. */
export function settingsSql(s: RunSettings, local: boolean): string[] {
  const set = local ? 'SET LOCAL' : 'SET';
  return [
    `${set} lock_timeout = ${quoteLiteral(s.lockTimeout)}`,
    ...(s.statementTimeout ? [`${set} statement_timeout = ${quoteLiteral(s.statementTimeout)}`] : []),
    `${set} check_function_bodies = off`,
  ];
}

export const RESET = ['RESET lock_timeout', 'RESET statement_timeout', 'RESET check_function_bodies'];
