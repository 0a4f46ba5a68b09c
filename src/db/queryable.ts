// One small interface over node-postgres and PGlite, so every stage works on a server and on the embedded database.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with bind parameters. */
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of one or more statements, no parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly description: string;
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
  };
}

export async function connect(url: string, description = 'target'): Promise<Queryable> {
  const client = new pg.Client({ connectionString: url });
  // A broken connection must surface as an error of the running query, not crash the process.
  client.on('error', () => {});
  await client.connect();
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
