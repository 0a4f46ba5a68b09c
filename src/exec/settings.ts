// How the executor runs statements: timeouts, retries after a lock timeout, and what it reports as it goes.
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
