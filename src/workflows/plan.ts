// plan: the desired state against the live target (with a URL) or the migration history; writes a migration.
// A repeated plan with nothing changed is answered from the cache of loaded states without a dev database; the
// full path (plan-run.ts) is loaded only when needed.
import { readSourceFiles } from '../desired/files.js';
import { cacheKey, openStateCache } from '../cache/state-cache.js';
import { pgliteVersion } from '../dev-db/pglite.js';
import { toolVersion } from '../sys/version.js';
import { redact } from '../errors.js';
import { introspect } from '../introspect/introspect.js';
import { historyFiles, nextVersion } from '../migrations/directory.js';
import { MODEL_FORMAT, type Model } from '../model/model.js';
import { archiveSchemaFor, plan } from '../plan/plan.js';
import { pendingRenames } from '../plan/renames.js';
import { ALL_SCHEMAS, since, withDatabase } from './common.js';
import { refuseEmptyDesired, type CachedDesired, type PlanOptions, type PlanResult } from './plan-shared.js';

export type { PlanOptions, PlanResult, PlanTimings, DropMode } from './plan-shared.js';

/** Where the dev database's engine comes from, for cache keys: a model read back depends on it. */
function engineOf(o: PlanOptions, serverVersion: string | undefined): string {
  if (o.dev === 'embedded' || (o.dev === undefined && !o.url)) return `pglite ${pgliteVersion()}`;
  if (o.dev === undefined) return `dev beside the target, server ${serverVersion ?? '?'}`;
  return `dev ${redact(String(o.dev))}`;
}

export async function planMigration(o: PlanOptions): Promise<PlanResult> {
  const started = performance.now();
  const scope = o.scope ?? ALL_SCHEMAS;
  const files = readSourceFiles(o.schema);
  // Without a cache the files are checked by the parser before a dev database is opened (a syntax error is the error
  // reported, whatever the target's state); with one, only when the cache cannot answer. A live target is read
  // first, on the server while the files are parsed here: an unreachable one fails before a dev database is started.
  let t = performance.now();
  const reading = o.url
    ? withDatabase(o.url, async (db) => ({
        model: await introspect(db, scope),
        version: (await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v"))[0]?.v,
      }))
    : undefined;
  reading?.catch(() => undefined);
  const early =
    o.cacheDir === undefined ? await (await import('../desired/desired.js')).parseDesired(files) : undefined;
  const target = await reading;
  const live = target?.model;
  const cache =
    o.cacheDir !== undefined && (o.dev === undefined || typeof o.dev === 'string')
      ? openStateCache(o.cacheDir, o.write === false)
      : undefined;
  const engine = engineOf(o, target?.version);
  const desiredKey = cacheKey([toolVersion(), MODEL_FORMAT, 'desired', engine, scope, files]);
  const history = o.url ? undefined : historyFiles(o.migrationsDir);
  const historyKeyOf = (files: readonly string[]) =>
    cacheKey([toolVersion(), MODEL_FORMAT, 'history', engine, scope, files]);
  const historyKey = history ? historyKeyOf(history) : '';
  const settingsFor = (version: string) => ({
    archiveSchema: (o.drops ?? 'archive') === 'archive' ? archiveSchemaFor(version) : undefined,
  });

  // Nothing changed since the last run: both states come from the cache and no dev database is opened.
  const hit = cache?.get<CachedDesired>(desiredKey);
  const hitCurrent = live ?? (cache && history ? cache.get<Model>(historyKey) : undefined);
  if (hit && hitCurrent && pendingRenames(hitCurrent, hit.model, hit.renames).length === 0) {
    refuseEmptyDesired(o, hit.declares, hitCurrent, o.url ? 'the target database' : 'the migration history');
    const p = plan(hitCurrent, hit.model, settingsFor(nextVersion(o.migrationsDir)));
    if (p.steps.length === 0) {
      return {
        from: o.url ? 'database' : 'history',
        fromHash: p.fromHash,
        toHash: p.toHash,
        steps: [],
        down: [],
        hazards: [],
        downHazards: [],
        devDatabase: 'none (states from the cache)',
        models: { current: hitCurrent, desired: hit.model },
        timings: { currentMs: since(t), desiredMs: 0, planMs: 0, proofMs: 0, totalMs: since(started) },
      };
    }
  }

  // The full path, loaded only when the cache cannot answer (it brings the parser, the dev database, the proof).
  const { runPlan } = await import('./plan-run.js');
  return runPlan({
    o,
    scope,
    files,
    early,
    live,
    cache,
    desiredKey,
    historyKey,
    historyKeyOf,
    settingsFor,
    started,
    t,
  });
}
