// purge: removes the archives that `drops: archive` left (tables and column values kept for rollback), once they
// are old enough. A migration whose archive is gone can no longer bring those rows back on rollback.
import { listArchives, purgeArchives, type Archive } from '../apply/archives.js';
import { ConfigError } from '../errors.js';
import { since } from './common.js';
import { withDatabase } from '../db/queryable.js';

export interface PurgeOptions {
  readonly url: string;
  /** Only archives at least this old (default 30 days). */
  readonly olderThanMs?: number | undefined;
  readonly dryRun?: boolean | undefined;
}

export interface PurgeResult {
  readonly purged: readonly Archive[];
  /** Archives kept (younger than the limit). */
  readonly kept: readonly Archive[];
  readonly dryRun: boolean;
  readonly durationMs: number;
}

export const DEFAULT_PURGE_AGE_MS = 30 * 24 * 3_600_000;

export async function purge(o: PurgeOptions): Promise<PurgeResult> {
  const started = performance.now();
  const olderThanMs = o.olderThanMs ?? DEFAULT_PURGE_AGE_MS;
  if (!Number.isFinite(olderThanMs) || olderThanMs < 0)
    throw new ConfigError(`--older-than must be a positive duration, got ${olderThanMs} ms`);
  return withDatabase(o.url, async (db) => {
    const purged = await purgeArchives(db, { olderThanMs, dryRun: o.dryRun ?? false });
    const names = new Set(purged.map((a) => a.schema));
    const kept = (await listArchives(db)).filter((a) => !names.has(a.schema));
    return { purged, kept, dryRun: o.dryRun ?? false, durationMs: since(started) };
  });
}
