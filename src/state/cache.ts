// A cache of loaded states in `.sfm-cache/` (git-ignored): the model of the desired files and of the replayed
// history, each under a key that hashes everything it was made from (file contents, the dev database's engine and
// version, the scope, this tool's version). A repeated `plan` with nothing changed then loads nothing into a dev
// database. A damaged or foreign entry is a miss; entries unused for a week are removed when one is written.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_CACHE_DIR = '.sfm-cache';
const WEEK_MS = 7 * 24 * 3_600_000;

export interface StateCache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** A stable key for the given parts (JSON with sorted object keys, hashed). */
export function cacheKey(parts: readonly unknown[]): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(parts)))
    .digest('hex');
}

/** `readOnly`: a dry run writes nothing, the cache included. */
export function openStateCache(dir: string, readOnly = false): StateCache {
  const file = (key: string) => join(dir, `${key}.json`);
  return {
    get<T>(key: string): T | undefined {
      try {
        const entry = JSON.parse(readFileSync(file(key), 'utf8')) as { key?: string; value?: T };
        if (entry.key !== key) return undefined;
        const now = new Date();
        utimesSync(file(key), now, now);
        return entry.value;
      } catch {
        return undefined;
      }
    },
    set(key: string, value: unknown): void {
      if (readOnly) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file(key)}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ key, value }));
        renameSync(tmp, file(key));
        const old = Date.now() - WEEK_MS;
        for (const f of readdirSync(dir)) {
          const p = join(dir, f);
          if (f.endsWith('.json') && statSync(p).mtimeMs < old) unlinkSync(p);
        }
      } catch {
        // A cache that cannot be written is no cache: the plan is the same without it.
      }
    },
  };
}
