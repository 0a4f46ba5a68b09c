// Dev databases: scratch space where desired SQL and migration history are executed and read back.
// Providers: embedded PGlite (no server), a temporary database on a server, or an explicit URL.
import { randomBytes } from 'node:crypto';
import { connect, type Queryable } from '../db/queryable.js';
import { SfmError, redact } from '../errors.js';
import { quoteIdent } from '../sql/quote.js';
import { openPglite } from './pglite.js';

export interface DevDatabase {
  readonly db: Queryable;
  readonly description: string;
  /** Back to an empty database. */
  reset(): Promise<void>;
  dispose(): Promise<void>;
}

export interface DevOptions {
  /** `embedded`, a postgres URL, or undefined for the default. */
  readonly devUrl?: string;
  /** The target server: default place for a temporary database. */
  readonly targetUrl?: string;
  /** Extensions the SQL to be run creates (PGlite loads contrib modules up front). */
  readonly extensions: readonly string[];
}

// Empties a database we do not own: event triggers, extensions and user schemas go, public comes back empty.
const WIPE = `
DO $wipe$ DECLARE r record; BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP
    EXECUTE format('DROP EVENT TRIGGER IF EXISTS %I', r.evtname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
  END LOOP;
  CREATE SCHEMA public;
  IF current_setting('server_version_num')::int >= 150000 THEN
    EXECUTE 'ALTER SCHEMA public OWNER TO pg_database_owner';
    GRANT USAGE ON SCHEMA public TO PUBLIC;
  ELSE
    GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC;
  END IF;
  COMMENT ON SCHEMA public IS 'standard public schema';
END $wipe$`;

export async function wipe(db: Queryable): Promise<void> {
  await db.exec(WIPE);
}

function replaceDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function mayCreateDatabases(url: string): Promise<boolean> {
  const db = await connect(url, 'target');
  try {
    const rows = await db.query<{ ok: boolean }>(
      `SELECT rolcreatedb OR rolsuper AS ok FROM pg_catalog.pg_roles WHERE rolname = current_user`);
    return rows[0]?.ok === true;
  } finally {
    await db.close();
  }
}

/** A fresh database on the target's server, so the server version matches; dropped on dispose. */
async function serverTempDatabase(serverUrl: string): Promise<DevDatabase> {
  const admin = await connect(serverUrl, 'server');
  const name = `sfm_dev_${randomBytes(6).toString('hex')}`;
  let current: Queryable | undefined;
  const create = async () => {
    await admin.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8'`);
    current = await connect(replaceDatabase(serverUrl, name), `dev database ${name}`);
  };
  const drop = async () => {
    await current?.close().catch(() => {});
    current = undefined;
    await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  };
  try {
    await create();
  } catch (err) {
    await admin.close();
    throw new SfmError(`cannot create a temporary dev database on ${redact(serverUrl)}: ${(err as Error).message}`, { cause: err });
  }
  const proxy: Queryable = {
    description: `dev database ${name}`,
    query: (sql, params) => (current as Queryable).query(sql, params),
    exec: (sql) => (current as Queryable).exec(sql),
    close: async () => {},
  };
  return {
    db: proxy,
    description: `temporary database on ${redact(serverUrl)}`,
    async reset() {
      await drop();
      await create();
    },
    async dispose() {
      await drop();
      await admin.close();
    },
  };
}

async function explicitDatabase(url: string): Promise<DevDatabase> {
  const db = await connect(url, 'dev database');
  await wipe(db);
  return { db, description: redact(url), reset: () => wipe(db), dispose: () => db.close() };
}

export async function openDevDatabase(opts: DevOptions): Promise<DevDatabase> {
  if (opts.devUrl && opts.devUrl !== 'embedded') return explicitDatabase(opts.devUrl);
  if (!opts.devUrl && opts.targetUrl && (await mayCreateDatabases(opts.targetUrl).catch(() => false))) {
    return serverTempDatabase(opts.targetUrl);
  }
  return openPglite(opts.extensions);
}
