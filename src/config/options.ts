// The options every command shares, resolved once with one precedence: flags, then the --env entry of the config
// file, then the config file, then built-in defaults (and DATABASE_URL for the target, read where it is used).
import { environmentOf, loadConfig } from './config.js';

export interface CommonOptions {
  url?: string;
  schema: string;
  migrations: string;
  config?: string;
  env?: string;
  lockTimeout?: string;
  statementTimeout?: string;
  lockRetries?: string;
  lockRetryDelay?: string;
  /** Before each segment: refuse (default), warn or off when other sessions would make it queue for locks. */
  preflight?: string;
  /** How long the preflight waits for those sessions to go (default 10s). */
  preflightWait?: string;
  /** From the environment's config: apply must take a backup first. */
  backup?: boolean;
  backupDir?: string;
  /** Folder of pg_dump / pg_restore. */
  pgBin?: string;
  /** From the environment's config (default true): apply refuses on drift. */
  requireCleanStatus?: boolean;
  devUrl?: string;
  json?: boolean;
  color?: boolean;
  schemas?: string;
  excludeSchemas?: string;
  allowHazards?: string;
  extensionVersions?: boolean;
  owners?: boolean;
  drops?: string;
  /** From the config file: `limits` (impact/limits.ts). */
  limits?: { readonly rewrite?: string | undefined; readonly accessExclusive?: string | undefined };
  /** Objects of kinds sfm-schema does not manage are an error (flag, or `strictCoverage: true` in the config). */
  strictCoverage?: boolean;
  /** Plan breaking changes online (flag, or `online: true` in the config). */
  online?: boolean | 'auto';
  /** apply: rows per backfill batch, and the pause between batches. */
  batchRows?: string;
  batchPause?: string;
  /** From the config file: `lint.rules`. */
  lintRules?: Readonly<Record<string, 'off' | 'error' | 'warning' | 'note'>>;
}

type RawOptions = Partial<CommonOptions> & Record<string, unknown>;

/** Flags first, then the --env entry and the config file, then built-in defaults. */
export function resolveOptions<O extends RawOptions>(o: O): O & CommonOptions {
  const config = loadConfig(o.config);
  const env = o.env ? environmentOf(config, o.env) : undefined;
  const joined = (x: readonly string[] | undefined) => (x ? x.join(',') : undefined);
  const pick = <T>(...xs: (T | undefined)[]) => xs.find((x) => x !== undefined);
  const resolved: CommonOptions = {
    schema: pick(o.schema, config?.schema) ?? 'schema',
    migrations: pick(o.migrations, config?.migrations) ?? 'generated-migrations',
  };
  const optional: Partial<CommonOptions> = {
    url: pick(o.url, env?.directUrl, env?.url),
    devUrl: pick(o.devUrl, env?.devUrl, config?.devUrl),
    schemas: pick(o.schemas, joined(config?.schemas)),
    excludeSchemas: pick(o.excludeSchemas, joined(config?.excludeSchemas)),
    allowHazards: pick(o.allowHazards, joined(env?.allowHazards)),
    lockTimeout: pick(o.lockTimeout, env?.lockTimeout),
    statementTimeout: pick(o.statementTimeout, env?.statementTimeout),
    extensionVersions: pick(o.extensionVersions, config?.extensionVersions),
    owners: pick(o.owners, config?.owners),
    drops: pick(o.drops, config?.drops),
    strictCoverage: pick(o.strictCoverage, config?.strictCoverage),
    online: pick(o.online, config?.online),
    limits: config?.limits,
    lintRules: config?.lint?.rules,
    lockRetries: pick(o.lockRetries, env?.lockRetries === undefined ? undefined : String(env.lockRetries)),
    lockRetryDelay: pick(o.lockRetryDelay, env?.lockRetryDelay),
    backup: pick(o.backup, env?.backup),
    backupDir: pick(o.backupDir, env?.backupDir),
    pgBin: pick(o.pgBin, config?.pgBin),
    requireCleanStatus: env?.requireCleanStatus,
  };
  // Unset ones are left out, not set to undefined (they must not hide an earlier value).
  const set = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { ...o, ...resolved, ...set };
}
