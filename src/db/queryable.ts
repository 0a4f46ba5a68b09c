// One small interface over node-postgres and PGlite, so every stage works on a server and on the embedded database.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { connectionError } from './connect-error.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with bind parameters. */
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of one or more statements, no parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly description: string;
  /** The local TCP port of a server connection (undefined over a Unix socket or in process). */
  localPort?(): number | undefined;
}

export function wrapPgClient(client: pg.Client, description: string): Queryable {
  return {
    description,
    async query<R extends object>(sql: string, params?: readonly unknown[]) {
      const res = await client.query(sql, params ? [...params] : undefined);
      return res.rows as R[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
    localPort() {
      // node-postgres keeps its socket on an undocumented field: read it without trusting its shape.
      const connection = 'connection' in client ? client.connection : undefined;
      const stream =
        typeof connection === 'object' && connection !== null && 'stream' in connection ? connection.stream : undefined;
      const port =
        typeof stream === 'object' && stream !== null && 'localPort' in stream ? stream.localPort : undefined;
      return typeof port === 'number' ? port : undefined;
    },
  };
}

const CONNECT_TIMEOUT_MS = Number(process.env['SFM_CONNECT_TIMEOUT_MS'] ?? 15_000);

export async function connect(url: string, description = 'target'): Promise<Queryable> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A broken connection must surface as an error of the running query, not crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw connectionError(err, url, description === 'target' ? 'target database' : description);
  }
  return wrapPgClient(client, description);
}

export function wrapPglite(db: PGlite, description = 'embedded'): Queryable {
  return {
    description,
    async query<R extends object>(sql: string, params?: readonly unknown[]) {
      const res = await db.query<R>(sql, params ? [...params] : undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}

/** Runs `fn` in one transaction; rolls back on error. */
export async function inTransaction<T>(db: Queryable, fn: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN');
  try {
    const result = await fn();
    await db.exec('COMMIT');
    return result;
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Runs `fn` on a connection to `url`, closed afterwards. */
export async function withDatabase<T>(url: string, fn: (db: Queryable) => Promise<T>): Promise<T> {
  const db = await connect(url);
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => {});
  }
}

/** Runs a union of many SELECTs with the same columns in unions of a hundred: one of a thousand parts took seconds
 * to plan, and PGlite refuses a statement of some 300 KB ("unnamed prepared statement does not exist"). */
export async function queryUnion<R extends object>(db: Queryable, parts: readonly string[]): Promise<R[]> {
  const rows: R[] = [];
  for (let n = 0; n < parts.length; n += 100)
    rows.push(...(await db.query<R>(parts.slice(n, n + 100).join('\nUNION ALL\n'))));
  return rows;
}
