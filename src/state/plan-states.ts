// The two states a plan compares, as values. The current state is a live database (read on its server while the
// desired files are parsed here) or the migration history (replayed on the dev database); the desired state is the
// files, loaded on the dev database. Both come from the cache when nothing they are made from changed; then no dev
// database is opened at all.
import type { Queryable } from '../db/queryable.js';
import { withDatabase } from '../db/queryable.js';
import type { DevDatabase } from '../dev-db/types.js';
import { devOpener, withDev, type DevSpec } from '../dev-db/open.js';
import { pgliteVersion } from '../dev-db/pglite.js';
import { parseDesired, loadDesired, type DesiredSource } from '../desired/desired.js';
import type { SourceFile } from '../desired/files.js';
import { redact } from '../errors.js';
import { introspect } from '../introspect/introspect.js';
import { historyKeyParts, type MigrationDir } from '../migrations/directory.js';
import { MODEL_FORMAT, type Model } from '../model/model.js';
import type { Rename } from '../model/rename.js';
import type { Scope } from '../model/scope.js';
import { toolVersion } from '../sys/version.js';
import { cacheKey, openStateCache, type StateCache } from './cache.js';
import { historyExtensions, replayHistory } from './history-state.js';

type CurrentSource =
  | { readonly type: 'database'; readonly url: string }
  | { readonly type: 'history'; readonly dir: MigrationDir };

export interface PlanStatesSpec {
  readonly current: CurrentSource;
  readonly files: readonly SourceFile[];
  /** The schema folder's `_custom/` scripts (desired/files.ts). */
  readonly custom?: readonly SourceFile[];
  readonly scope: Scope;
  readonly dev: DevSpec | undefined;
  /** Folder of the cache, and whether it may be written. */
  readonly cache?: { readonly dir: string; readonly readOnly: boolean } | undefined;
}

/** The desired state as loaded (and as the cache keeps it). */
export interface LoadedDesired {
  readonly model: Model;
  readonly renames: readonly Rename[];
  /** The files declare something (an empty folder against a state holding data is refused). */
  readonly declares: boolean;
}

interface LoadedStates<C> {
  readonly current: Model;
  readonly desired: LoadedDesired;
  /** What the caller read of the desired state while the dev database held it. */
  readonly desiredCatalog: C;
  readonly currentMs: number;
  readonly desiredMs: number;
}

export interface PlanStates {
  readonly from: CurrentSource['type'];
  /** Both states from the cache, when nothing changed (no dev database). */
  readonly cached: { readonly current: Model; readonly desired: LoadedDesired } | undefined;
  /** Loads both states on the dev database and runs `fn` with it; `readDesired` reads what the caller needs of the
   * desired state while the dev database holds it. */
  load<C, T>(
    readDesired: (db: Queryable) => Promise<C>,
    fn: (states: LoadedStates<C>, dev: DevDatabase) => Promise<T>,
  ): Promise<T>;
  /** After a migration was written: the state the history now leads to, for the next plan. */
  remember(reached: Model): void;
}

const since = (t: number) => Math.round(performance.now() - t);

/** Where the dev database's engine comes from, for cache keys: a model read back depends on it. */
function engineOf(spec: PlanStatesSpec, serverVersion: string | undefined): string {
  if (spec.dev === 'embedded' || (spec.dev === undefined && spec.current.type === 'history'))
    return `pglite ${pgliteVersion()}`;
  if (spec.dev === undefined) return `dev beside the target, server ${serverVersion ?? '?'}`;
  return `dev ${redact(String(spec.dev))}`;
}

async function readTarget(url: string, scope: Scope): Promise<{ model: Model; version: string | undefined }> {
  return withDatabase(url, async (db) => ({
    model: await introspect(db, scope),
    version: (await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v"))[0]?.v,
  }));
}

export async function openPlanStates(spec: PlanStatesSpec): Promise<PlanStates> {
  const { current, scope } = spec;
  const started = performance.now();
  // Without a cache the files are checked by the parser before a dev database is opened (a syntax error is the
  // error reported, whatever the target's state); with one, only when the cache cannot answer. A live target is
  // read first, on its server while the files are parsed here: an unreachable one fails before a dev database.
  const reading = current.type === 'database' ? readTarget(current.url, scope) : undefined;
  reading?.catch(() => undefined);
  const early = spec.cache === undefined ? await parseDesired(spec.files, spec.custom) : undefined;
  const target = await reading;
  const liveMs = since(started);
  const cache: StateCache | undefined =
    spec.cache && (spec.dev === undefined || typeof spec.dev === 'string')
      ? openStateCache(spec.cache.dir, spec.cache.readOnly)
      : undefined;
  const engine = engineOf(spec, target?.version);
  const desiredKey = cacheKey([toolVersion(), MODEL_FORMAT, 'desired', engine, scope, spec.files, spec.custom ?? []]);
  const historyKey = () =>
    current.type === 'history'
      ? cacheKey([toolVersion(), MODEL_FORMAT, 'history', engine, scope, historyKeyParts(current.dir)])
      : '';
  const hitDesired = cache?.get<LoadedDesired>(desiredKey);
  const hitCurrent = target?.model ?? (current.type === 'history' ? cache?.get<Model>(historyKey()) : undefined);

  return {
    from: current.type,
    cached: hitDesired && hitCurrent ? { current: hitCurrent, desired: hitDesired } : undefined,
    async load(readDesired, fn) {
      let t = performance.now();
      const desired: DesiredSource = early ?? (await parseDesired(spec.files, spec.custom));
      const historyExt = current.type === 'history' ? await historyExtensions(current.dir) : [];
      const targetUrl = current.type === 'database' ? current.url : undefined;
      const open = devOpener(spec.dev, { targetUrl })([...desired.extensions, ...historyExt]);
      return withDev(open, async (dev) => {
        const model =
          target?.model ?? (current.type === 'history' ? await replayHistory(dev, current.dir, scope) : undefined);
        if (!model) throw new Error('internal: no current state');
        if (!target) cache?.set(historyKey(), model);
        const currentMs = target ? liveMs : since(t);
        t = performance.now();
        const wanted: LoadedDesired = {
          model: await loadDesired(dev, desired, scope),
          renames: desired.renames ?? [],
          declares: desired.sources.some((s) => s.statements.length > 0),
        };
        cache?.set(desiredKey, wanted);
        const desiredCatalog = await readDesired(dev.db);
        return fn({ current: model, desired: wanted, desiredCatalog, currentMs, desiredMs: since(t) }, dev);
      });
    },
    remember(reached) {
      if (current.type === 'history') cache?.set(historyKey(), reached);
    },
  };
}
