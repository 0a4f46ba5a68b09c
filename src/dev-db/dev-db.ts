// Dev databases: scratch space where desired SQL and migration history are executed and read back.
// Providers: embedded PGlite (no server), a temporary database on a server, or an explicit URL.
import { randomBytes } from 'node:crypto';
import { connect, type Queryable } from '../db/queryable.js';
import { SfmError, redact, messageOf } from '../errors.js';
import { quoteIdent } from '../sql/quote.js';
import { openPglite } from './pglite.js';
import { claimScratch, refuseTargetAsDev } from './guard.js';
import type { DevDatabase } from './types.js';
import { wipe } from './wipe.js';

export type { DevDatabase } from './types.js';

export interface DevOptions {
  /** `embedded`, a postgres URL, or undefined for the default. */
  readonly devUrl?: string;
  /** The target server: default place for a temporary database. */
  readonly targetUrl?: string;
  /** Other databases the command works on (diff's sides): never usable as the dev database. */
  readonly protectedUrls?: readonly string[];
  /** Extensions the SQL to be run creates (PGlite loads contrib modules up front). */
  readonly extensions: readonly string[];
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
      `SELECT rolcreatedb OR rolsuper AS ok FROM pg_catalog.pg_roles WHERE rolname = current_user`,
    );
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
    throw new SfmError(`cannot create a temporary dev database on ${redact(serverUrl)}: ${messageOf(err)}`, {
      cause: err,
    });
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
    second: () => connect(replaceDatabase(serverUrl, name), `dev database ${name}`),
    async dispose() {
      await drop();
      await admin.close();
    },
  };
}

/** A database the user named: used only when it is scratch (guard.ts). One whose mark could not be written is left
 * empty afterwards, so that the next run finds it empty again. */
async function explicitDatabase(url: string, targets: readonly string[]): Promise<DevDatabase> {
  refuseTargetAsDev(url, targets);
  const db = await connect(url, 'dev database');
  let marked: boolean;
  try {
    marked = await claimScratch(db, url);
    await wipe(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return {
    db,
    description: redact(url),
    reset: () => wipe(db),
    second: () => connect(url, 'dev database'),
    async dispose() {
      if (!marked) await wipe(db).catch(() => {});
      await db.close();
    },
  };
}

export async function openDevDatabase(opts: DevOptions): Promise<DevDatabase> {
  if (opts.devUrl && opts.devUrl !== 'embedded') {
    return explicitDatabase(opts.devUrl, [...(opts.targetUrl ? [opts.targetUrl] : []), ...(opts.protectedUrls ?? [])]);
  }
  if (!opts.devUrl && opts.targetUrl && (await mayCreateDatabases(opts.targetUrl).catch(() => false))) {
    return serverTempDatabase(opts.targetUrl);
  }
  return openPglite(opts.extensions);
}
