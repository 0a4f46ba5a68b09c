// Options shared by commands, as the CLI reads them: scope, target, hazards, run settings.
import { ConfigError } from '../errors.js';
import type { CommonOptions } from '../config/options.js';
import { ALL_HAZARDS, isHazard, type Hazard } from '../model/hazard.js';
import { type Scope } from '../model/scope.js';
import { DEFAULT_BACKFILL, DEFAULT_PREFLIGHT, type PreflightPolicy, type RunSettings } from '../exec/settings.js';

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
    ...(o.owners ? { owners: true } : {}),
  };
}

export function targetUrl(o: CommonOptions): string | undefined {
  return o.url ?? (process.env['DATABASE_URL'] || undefined);
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
  const mode = o.preflight ?? 'refuse';
  if (mode !== 'refuse' && mode !== 'warn' && mode !== 'off')
    throw new ConfigError(`--preflight must be refuse, warn or off, got ${JSON.stringify(mode)}`);
  const preflight: PreflightPolicy = {
    ...DEFAULT_PREFLIGHT,
    mode,
    ...(o.preflightWait ? { waitMs: durationMs(o.preflightWait, '--preflight-wait') } : {}),
    ...(o.lockTimeout ? { longTransactionMs: durationMs(o.lockTimeout, '--lock-timeout') } : {}),
  };
  const rows = o.batchRows === undefined ? undefined : Number(o.batchRows);
  if (rows !== undefined && (!Number.isInteger(rows) || rows < 1))
    throw new ConfigError(`--batch-rows must be a whole number above 0, got ${o.batchRows}`);
  const backfill = {
    ...DEFAULT_BACKFILL,
    ...(rows !== undefined ? { batchRows: rows } : {}),
    ...(o.batchPause ? { pauseMs: durationMs(o.batchPause, '--batch-pause') } : {}),
  };
  return {
    preflight,
    backfill,
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
