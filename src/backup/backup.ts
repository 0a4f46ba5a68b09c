// Backups before apply (pg_dump -Fc) and restores into an empty database (pg_restore). The client tools must be of
// the server's major version or newer: pg_dump refuses older servers' successors, so the check comes first and
// names what to install. Passwords go to the tools through PGPASSWORD, never on a command line or in a message.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../db/queryable.js';
import { SfmError, redact } from '../errors.js';
import { runProcess } from '../sys/process.js';

export class BackupError extends SfmError {}

export interface PgTool {
  readonly path: string;
  readonly major: number;
}

const runTool = (path: string, args: readonly string[], env?: NodeJS.ProcessEnv) =>
  runProcess(path, args, env ? { env } : {});

async function versionOf(path: string): Promise<number | undefined> {
  const r = await runTool(path, ['--version']).catch(() => undefined);
  const m = r && /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : undefined;
}

/** Candidate locations: the --pg-bin folder, then PATH, then Debian's versioned folders (newest first). */
function candidates(name: string, pgBin?: string): string[] {
  if (pgBin) return [join(pgBin, name)];
  const onPath = (process.env['PATH'] ?? '')
    .split(':')
    .filter(Boolean)
    .map((d) => join(d, name));
  const debian = '/usr/lib/postgresql';
  const versioned = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debian, v, 'bin', name))
    : [];
  return [...versioned, ...onPath].filter((p) => existsSync(p) && statSync(p).isFile());
}

/** The newest `name` (pg_dump, pg_restore) at least as new as the server, or a BackupError saying what is missing. */
export async function findPgTool(name: string, serverMajor: number, pgBin?: string): Promise<PgTool> {
  const found: PgTool[] = [];
  for (const path of candidates(name, pgBin)) {
    const major = await versionOf(path);
    if (major !== undefined) found.push({ path, major });
  }
  const usable = found.filter((t) => t.major >= serverMajor).sort((a, b) => b.major - a.major)[0];
  if (usable) return usable;
  if (found.length === 0) {
    throw new BackupError(
      `${name} was not found${pgBin ? ` in ${pgBin}` : ' (PATH, /usr/lib/postgresql/*/bin)'}: install the PostgreSQL ` +
        `${serverMajor} client tools or pass --pg-bin DIR`,
    );
  }
  const newest = Math.max(...found.map((t) => t.major));
  throw new BackupError(
    `${name} ${newest} is older than the server (PostgreSQL ${serverMajor}) and cannot be used with it: install the ` +
      `PostgreSQL ${serverMajor} client tools or pass --pg-bin DIR`,
  );
}

async function serverMajor(db: Queryable): Promise<number> {
  const rows = await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return Math.floor(Number(rows[0]?.v) / 10000);
}

/** The URL without its password, and the password for PGPASSWORD. */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Writes `<dir>/<database>-<UTC>[-label].dump` with pg_dump -Fc; returns its path. */
export async function backupDatabase(
  db: Queryable,
  url: string,
  dir: string,
  label = '',
  pgBin?: string,
): Promise<string> {
  const tool = await findPgTool('pg_dump', await serverMajor(db), pgBin);
  mkdirSync(dir, { recursive: true });
  const database = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  const file = join(
    dir,
    `${database.replace(/[^\w.-]/g, '_')}-${stamp(new Date())}${label ? `-${label.replace(/[^\w.-]/g, '_')}` : ''}.dump`,
  );
  const target = splitPassword(url);
  const r = await runTool(tool.path, ['--format=custom', '--file', file, '--dbname', target.url], target.env);
  if (r.code !== 0) throw new BackupError(`pg_dump failed (exit ${r.code}): ${redact(r.stderr.trim())}`);
  return file;
}

/** Objects a restore would collide with: anything in a non-system schema, or a schema other than an empty public. */
async function userObjectCount(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>(`
    SELECT (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')
         + (SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname
           NOT LIKE 'pg\\_%')
         + (SELECT count(*) FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql') AS n`);
  return Number(rows[0]?.n ?? 0);
}

/** Restores a pg_dump -Fc file into an empty database in one transaction (all or nothing). */
export async function restoreDatabase(db: Queryable, url: string, file: string, pgBin?: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`${file}: no such backup file`);
  const tool = await findPgTool('pg_restore', await serverMajor(db), pgBin);
  const objects = await userObjectCount(db);
  if (objects > 0)
    throw new BackupError(
      `refusing to restore into a database that is not empty (${objects} objects): create an empty database first`,
    );
  const target = splitPassword(url);
  const r = await runTool(
    tool.path,
    ['--exit-on-error', '--single-transaction', '--dbname', target.url, file],
    target.env,
  );
  if (r.code !== 0) throw new BackupError(`pg_restore failed (exit ${r.code}): ${redact(r.stderr.trim())}`);
}
