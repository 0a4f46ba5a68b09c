// Options shared by commands: sources, scope, hazards.
import { ConfigError } from '../errors.js';
import { environmentOf, loadConfig } from '../config/config.js';
import { ALL_HAZARDS, isHazard, type Hazard } from '../model/hazard.js';
import { type Scope } from '../model/scope.js';
import type { RunSettings } from '../exec/settings.js';

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
  drops?: string;
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

export function scopeOf(o: CommonOptions): Scope {
  const schemas = list(o.schemas);
  return {
    ...(schemas ? { schemas } : {}),
    excludeSchemas: list(o.excludeSchemas) ?? [],
    extensionVersions: o.extensionVersions ?? false,
  };
}

export function targetUrl(o: CommonOptions): string | undefined {
  return o.url ?? process.env['DATABASE_URL'] ?? undefined;
}

export function requireUrl(o: CommonOptions): string {
  const url = targetUrl(o);
  if (!url) throw new ConfigError('no target database: pass --url or set DATABASE_URL');
  return url;
}

export function allowedHazards(o: CommonOptions): readonly Hazard[] | 'all' {
  const items = list(o.allowHazards) ?? [];
  if (items.some((h) => h.toLowerCase() === 'all')) return 'all';
  const unknown = items.filter((h) => !isHazard(h));
  if (unknown.length)
    throw new ConfigError(`unknown hazard ${unknown.join(', ')} (known: ${ALL_HAZARDS.join(', ')}, all)`);
  return items.filter(isHazard);
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
    drops: pick(o.drops, config?.drops),
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

/** A duration as PostgreSQL writes it ("5s", "500ms", "2min", "1h"; bare numbers are milliseconds) in ms. */
export function durationMs(text: string, what: string): number {
  const m = /^(\d+)\s*(ms|s|min|h)?$/.exec(text.trim());
  if (!m) throw new ConfigError(`${what} must be a duration such as 500ms, 5s or 2min, got ${JSON.stringify(text)}`);
  const units: Record<string, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 };
  const unit = units[m[2] ?? 'ms'] ?? 1;
  return Number(m[1]) * unit;
}

/** Lock and statement timeouts and lock-timeout retries for commands that run migrations. */
export function runSettingsOf(o: CommonOptions): Partial<RunSettings> {
  const retries = o.lockRetries === undefined ? undefined : Number(o.lockRetries);
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0))
    throw new ConfigError(`--lock-retries must be a whole number, got ${o.lockRetries}`);
  if (o.lockTimeout) durationMs(o.lockTimeout, '--lock-timeout');
  if (o.statementTimeout) durationMs(o.statementTimeout, '--statement-timeout');
  return {
    ...(o.lockTimeout ? { lockTimeout: o.lockTimeout } : {}),
    ...(o.statementTimeout ? { statementTimeout: o.statementTimeout } : {}),
    ...(retries !== undefined ? { lockRetries: retries } : {}),
    ...(o.lockRetryDelay ? { retryDelayMs: durationMs(o.lockRetryDelay, '--lock-retry-delay') } : {}),
  };
}

/** `--drops` / `drops:`: archive (default) or delete. */
export function dropModeOf(o: CommonOptions): 'archive' | 'delete' {
  const mode = o.drops ?? 'archive';
  if (mode !== 'archive' && mode !== 'delete')
    throw new ConfigError(`--drops must be archive or delete, got ${JSON.stringify(mode)}`);
  return mode;
}
