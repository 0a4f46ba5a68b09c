// Fresh databases for each test: created from template0 on the test server, dropped afterwards.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, inject } from 'vitest';
import { connect, type Queryable } from '../../src/db/queryable.js';

export function serverUrl(): string {
  return inject('pgUrl');
}

export function urlFor(database: string): string {
  const u = new URL(serverUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly db: Queryable;
  drop(): Promise<void>;
}

async function newDatabase(): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`));
  return name;
}

// One database made ahead while a test runs: CREATE DATABASE copies template0 (some 110 ms), and a round trip makes
// two. The spare left when the file ends is dropped with it.
let spare: Promise<string> | undefined;
afterAll(async () => {
  const left = await spare?.catch(() => undefined);
  spare = undefined;
  if (left) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${left} WITH (FORCE)`));
});

export async function createDatabase(sql?: string): Promise<TestDatabase> {
  // Taken and replaced before any await: tests make several at once (Promise.all), each must get its own.
  const taken = spare ?? newDatabase();
  spare = newDatabase();
  spare.catch(() => {});
  const name = await taken;
  const url = urlFor(name);
  const db = await connect(url, name);
  if (sql) await db.exec(sql);
  return {
    name,
    url,
    db,
    async drop() {
      await db.close().catch(() => {});
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs once per server: roles are global objects. */
export async function ensureRole(role: string): Promise<void> {
  await admin((c) =>
    c
      .query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role}; END IF; END $$`,
      )
      .catch(() => undefined),
  );
}

export async function serverMajor(): Promise<number> {
  return admin(async (c) =>
    Math.floor(Number((await c.query(`SHOW server_version_num`)).rows[0].server_version_num) / 10000),
  );
}

/** Databases created through the returned function are dropped after each test of the calling file. */
export function useDatabases(): (sql?: string) => Promise<TestDatabase> {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.drop()));
  });
  return async (sql?: string) => {
    const d = await createDatabase(sql);
    open.push(d);
    return d;
  };
}
