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

/** A fresh database on the target's server, so the server version matches; dropped on dispose. A reset moves to a
 * spare made in the background while the last one was in use: CREATE DATABASE copies template0 block by block
 * (some 110 ms each time on PostgreSQL 15, twice in every plan), a new database is as clean as one gets, and the
 * copy overlaps the client's own work. The spare is made on a connection of its own, so that dropping the used
 * database does not queue behind it. */
async function serverTempDatabase(serverUrl: string): Promise<DevDatabase> {
  const admin = await connect(serverUrl, 'server');
  let maker: Queryable | undefined;
  const make = async (on: Queryable): Promise<string> => {
    const name = `sfm_dev_${randomBytes(6).toString('hex')}`;
    await on.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8'`);
    return name;
  };
  const dropNamed = (name: string) => admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  let name: string;
  let current: Queryable | undefined;
  let spare: Promise<string> | undefined;
  const makeSpare = () => {
    spare = (async () => make((maker ??= await connect(serverUrl, 'server'))))();
    // Awaited by the next reset or dispose; a failure is theirs to report.
    spare.catch(() => {});
  };
  try {
    name = await make(admin);
    current = await connect(replaceDatabase(serverUrl, name), `dev database ${name}`);
  } catch (err) {
    await admin.close();
    throw new SfmError(`cannot create a temporary dev database on ${redact(serverUrl)}: ${messageOf(err)}`, {
      cause: err,
    });
  }
  const release = async () => {
    await current?.close().catch(() => {});
    current = undefined;
    await dropNamed(name);
  };
  // A database nothing has run on yet is already what a reset gives: the first reset of every command is free.
  let used = false;
  const proxy: Queryable = {
    description: 'temporary dev database',
    query: (sql, params) => {
      used = true;
      return (current as Queryable).query(sql, params);
    },
    exec: (sql) => {
      used = true;
      return (current as Queryable).exec(sql);
    },
    close: async () => {},
  };
  makeSpare();
  return {
    db: proxy,
    description: `temporary database on ${redact(serverUrl)}`,
    async reset() {
      if (!used) return;
      used = false;
      const next = spare ?? make(admin);
      spare = undefined;
      await release();
      name = await next;
      current = await connect(replaceDatabase(serverUrl, name), `dev database ${name}`);
      makeSpare();
    },
    second: () => connect(replaceDatabase(serverUrl, name), `dev database ${name}`),
    async dispose() {
      await release();
      const left = await spare?.catch(() => undefined);
      if (left) await dropNamed(left);
      await maker?.close().catch(() => {});
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
