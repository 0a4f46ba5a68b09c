// Fleets: one migration folder applied to many databases (an environment's `targets:`), with a report per target.
// Each target runs the ordinary apply workflow, under its own lock and history, so a re-run continues where each
// target stopped and a failed target leaves the others alone.
import { runFleet, type FleetOutcome } from '../apply/fleet.js';
import { environmentOf, loadConfig } from '../config/config.js';
import { ConfigError, redact, messageOf } from '../errors.js';
import { applyMigrations, type ApplyOptions } from './apply.js';
import { status } from './status.js';
import { since } from './common.js';
import { withDatabase } from '../db/queryable.js';

/** The databases an environment names: its `targets:` list, or the rows its query returns on the control database. */
export async function resolveTargets(o: {
  readonly config?: string | undefined;
  readonly env: string;
}): Promise<string[]> {
  const env = environmentOf(loadConfig(o.config), o.env);
  const t = env.targets;
  if (!t) throw new ConfigError(`environment "${o.env}" has no targets: (a list of URLs, or a query on its url)`);
  if (Array.isArray(t)) return [...t];
  if ('urls' in t) return [...t.urls];
  const rows = await withDatabase(env.url, (db) => db.query<{ url?: string; database?: string }>(t.query));
  const urls = rows.map((r) => {
    if (typeof r.url === 'string') return r.url;
    if (typeof r.database === 'string') {
      const u = new URL(env.url);
      u.pathname = `/${encodeURIComponent(r.database)}`;
      return u.toString();
    }
    throw new ConfigError(`the targets query of environment "${o.env}" must return a column url or database`);
  });
  if (urls.length === 0) throw new ConfigError(`the targets query of environment "${o.env}" returned no database`);
  return urls;
}

export interface FleetOptions {
  readonly targets: readonly string[];
  /** At most this many targets at a time (default 4). */
  readonly parallel?: number | undefined;
  /** Apply to this many targets first; if any fails, stop. */
  readonly canary?: number | undefined;
  /** Start no further target after a failure. */
  readonly failFast?: boolean | undefined;
  /** Called as each target finishes (progress). */
  readonly onTarget?: ((r: FleetTarget, done: number, total: number) => void) | undefined;
}

export interface FleetTarget {
  /** The URL without its password. */
  readonly target: string;
  readonly fromVersion: string | null;
  readonly toVersion: string | null;
  readonly applied: number;
  readonly durationMs: number;
  readonly error?: string;
  /** Not run (canary failed, or fail-fast). */
  readonly skipped?: boolean;
}

export interface FleetApplyResult {
  readonly targets: readonly FleetTarget[];
  readonly failed: number;
  readonly durationMs: number;
}

function settingsOf(o: FleetOptions) {
  const parallel = o.parallel ?? 4;
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new ConfigError(`--parallel must be a positive integer, got ${o.parallel}`);
  const canary = o.canary ?? 0;
  if (!Number.isInteger(canary) || canary < 0)
    throw new ConfigError(`--canary must be a whole number, got ${o.canary}`);
  return { parallel, canary, failFast: o.failFast ?? false };
}

const lastVersion = (rows: readonly { state: string; version: string }[]) =>
  rows
    .filter((r) => r.state === 'applied')
    .map((r) => r.version)
    .pop() ?? null;

/** applyMigrations on every target; never throws for a target's failure (it is in the report). */
export async function applyFleet(o: FleetOptions & Omit<ApplyOptions, 'url'>): Promise<FleetApplyResult> {
  const started = performance.now();
  const s = settingsOf(o);
  const toReport = (x: FleetOutcome<{ from: string | null; to: string | null; applied: number }>): FleetTarget => ({
    target: redact(x.target),
    fromVersion: x.result?.from ?? null,
    toVersion: x.result?.to ?? null,
    applied: x.result?.applied ?? 0,
    durationMs: x.durationMs,
    ...(x.error !== undefined ? { error: redact(messageOf(x.error)) } : {}),
    ...(x.skipped ? { skipped: true } : {}),
  });
  const outcomes = await runFleet(
    o.targets.map((url) => ({
      target: url,
      run: async () => {
        const before = await status({ url, migrationsDir: o.migrationsDir, drift: false });
        const r = await applyMigrations({ ...o, url });
        const from = lastVersion(before.migrations);
        return {
          from,
          to: r.applied.length ? (r.applied[r.applied.length - 1]?.version ?? from) : from,
          applied: r.applied.length,
        };
      },
    })),
    {
      ...s,
      onDone: (x, done, total) =>
        o.onTarget?.(
          toReport(x as FleetOutcome<{ from: string | null; to: string | null; applied: number }>),
          done,
          total,
        ),
    },
  );
  const targets = outcomes.map(toReport);
  return {
    targets,
    failed: targets.filter((t) => t.error !== undefined || t.skipped).length,
    durationMs: since(started),
  };
}

export interface FleetStatusTarget {
  readonly target: string;
  readonly version: string | null;
  readonly pending: number;
  readonly drift: number | null;
  readonly ok: boolean;
  readonly error?: string;
}

export async function statusFleet(
  o: FleetOptions & {
    readonly migrationsDir: string;
    readonly drift?: boolean | undefined;
    readonly dev?: ApplyOptions['dev'];
    readonly scope?: ApplyOptions['scope'];
  },
): Promise<FleetStatusTarget[]> {
  const s = settingsOf(o);
  const outcomes = await runFleet(
    o.targets.map((url) => ({
      target: url,
      run: () => status({ url, migrationsDir: o.migrationsDir, drift: o.drift, dev: o.dev, scope: o.scope }),
    })),
    { ...s, canary: 0, failFast: false },
  );
  return outcomes.map((x) =>
    x.result
      ? {
          target: redact(x.target),
          version: lastVersion(x.result.migrations),
          pending: x.result.migrations.filter((m) => m.state === 'pending').length,
          drift: x.result.drift ? x.result.drift.length : null,
          ok: x.result.ok,
        }
      : {
          target: redact(x.target),
          version: null,
          pending: 0,
          drift: null,
          ok: false,
          error: redact(x.error === undefined ? 'not run' : messageOf(x.error)),
        },
  );
}
