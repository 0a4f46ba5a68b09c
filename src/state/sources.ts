// A state to compare: a live database, a config environment, a migration history, or desired-state files.
import { loadConfig, environmentOf } from '../config/config.js';
import type { DevDatabase } from '../dev-db/types.js';
import { loadDesired, readDesired } from '../desired/desired.js';
import { introspect } from '../introspect/introspect.js';
import { openMigrationDir, requireMigrationsDir } from '../migrations/directory.js';
import type { Model } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import { historyExtensions, replayHistory } from './history-state.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, type DevSpec } from '../dev-db/open.js';
import { withDatabase } from '../db/queryable.js';

export type StateSource =
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'env'; readonly name: string }
  | { readonly type: 'migrations'; readonly dir: string }
  | { readonly type: 'schema'; readonly path: string }
  /** A model already in hand (from an earlier workflow's result). */
  | { readonly type: 'model'; readonly model: Model };

/** The CLI's spelling: a postgres URL, `env:NAME`, `migrations:DIR`, or a schema path. */
export function parseSource(text: string): StateSource {
  if (/^postgres(ql)?:\/\//.test(text)) return { type: 'url', url: text };
  if (text.startsWith('env:')) return { type: 'env', name: text.slice(4) };
  if (text.startsWith('migrations:')) return { type: 'migrations', dir: text.slice('migrations:'.length) };
  return { type: 'schema', path: text };
}

export interface ReadStateOptions {
  readonly scope?: Scope;
  readonly dev?: DevSpec;
  /** Config file for `env:` sources (default: sfm-schema.config.yaml when present). */
  readonly config?: string;
  /** Databases the dev database must never be (the other side of a diff). */
  readonly protectedUrls?: readonly string[];
}

/** The URL a source names, if it is a database. */
export function sourceUrl(source: StateSource, config?: string): string | undefined {
  if (source.type === 'url') return source.url;
  if (source.type === 'env') return environmentOf(loadConfig(config), source.name).url;
  return undefined;
}

/** Inputs are checked (folders exist, files parse) before any database is opened. */
/** A state whose inputs are checked, ready to be read; `usesDev`: reading it loads the dev database. */
export interface PreparedState {
  readonly extensions: readonly string[];
  readonly usesDev: boolean;
  read(dev: () => Promise<DevDatabase>): Promise<Model>;
}

export async function prepareState(source: StateSource, opts: ReadStateOptions): Promise<PreparedState> {
  const scope = opts.scope ?? ALL_SCHEMAS;
  if (source.type === 'url' || source.type === 'env') {
    const url = sourceUrl(source, opts.config) as string;
    return { extensions: [], usesDev: false, read: () => withDatabase(url, (db) => introspect(db, scope)) };
  }
  if (source.type === 'model') return { extensions: [], usesDev: false, read: async () => source.model };
  if (source.type === 'migrations') {
    requireMigrationsDir(source.dir);
    const dir = openMigrationDir(source.dir);
    return {
      extensions: await historyExtensions(dir),
      usesDev: true,
      read: async (dev) => replayHistory(await dev(), dir, scope),
    };
  }
  const desired = await readDesired(source.path);
  return {
    extensions: desired.extensions,
    usesDev: true,
    read: async (dev) => loadDesired(await dev(), desired, scope),
  };
}

/** One state read into a model. */
export async function readState(source: StateSource | string, opts: ReadStateOptions = {}): Promise<Model> {
  const s = typeof source === 'string' ? parseSource(source) : source;
  const prepared = await prepareState(s, opts);
  let dev: DevDatabase | undefined;
  try {
    return await prepared.read(
      async () => (dev ??= await devOpener(opts.dev, { protectedUrls: opts.protectedUrls ?? [] })(prepared.extensions)),
    );
  } finally {
    await dev?.dispose();
  }
}
