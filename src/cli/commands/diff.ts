// `diff --from SOURCE --to SOURCE`: the DDL that turns one state into another. A SOURCE is a postgres URL,
// `env:NAME` (the config file's environment), `migrations:DIR` (the history replayed), or a schema path.
import { connect } from '../../db/queryable.js';
import { openDevDatabase, type DevDatabase } from '../../dev-db/dev-db.js';
import { loadDesired, readDesired } from '../../desired/desired.js';
import { introspect } from '../../introspect/introspect.js';
import { historyExtensions, replayHistory } from '../../introspect/history-state.js';
import { plan, planHazards } from '../../plan/plan.js';
import { environmentOf, loadConfig } from '../../config/config.js';
import { ConfigError } from '../../errors.js';
import { requireMigrationsDir } from '../../migrations/directory.js';
import type { Model } from '../../model/model.js';
import type { Scope } from '../../objects/kind.js';
import type { Output } from '../output.js';
import { describeSteps } from '../output.js';
import { scopeOf, type CommonOptions } from '../options.js';

export interface DiffOptions extends CommonOptions {
  from?: string;
  to?: string;
}

const isUrl = (s: string) => /^postgres(ql)?:\/\//.test(s);

const urlOf = (source: string, o: DiffOptions) =>
  source.startsWith('env:') ? environmentOf(loadConfig(o.config), source.slice(4)).url : isUrl(source) ? source : undefined;

async function readSource(source: string, o: DiffOptions, scope: Scope, dev: () => Promise<DevDatabase>): Promise<Model> {
  const url = urlOf(source, o);
  if (url) {
    const db = await connect(url);
    try {
      return await introspect(db, scope);
    } finally {
      await db.close();
    }
  }
  if (source.startsWith('migrations:')) return replayHistory(await dev(), source.slice('migrations:'.length), scope);
  return loadDesired(await dev(), await readDesired(source), scope);
}

export async function diffCommand(o: DiffOptions, out: Output): Promise<number> {
  if (!o.from || !o.to) throw new ConfigError('diff needs --from SOURCE and --to SOURCE');
  const scope = scopeOf(o);
  const sources = [o.from, o.to];
  // Only the sources that need a dev database open one; its extensions are known up front for PGlite.
  const extensions: string[] = [];
  for (const s of sources) {
    if (s.startsWith('migrations:')) requireMigrationsDir(s.slice('migrations:'.length));
    if (s.startsWith('migrations:')) extensions.push(...(await historyExtensions(s.slice('migrations:'.length))));
    else if (!isUrl(s) && !s.startsWith('env:')) extensions.push(...(await readDesired(s)).extensions);
  }
  let dev: DevDatabase | undefined;
  const protectedUrls = sources.flatMap((s) => urlOf(s, o) ?? []);
  const getDev = async () => (dev ??= await openDevDatabase({ ...(o.devUrl ? { devUrl: o.devUrl } : {}), protectedUrls, extensions }));
  try {
    const from = await readSource(o.from, o, scope, getDev);
    const to = await readSource(o.to, o, scope, getDev);
    const p = plan(from, to);
    if (out.json) {
      out.out(JSON.stringify({ changes: p.steps.length, hazards: planHazards(p.steps), steps: p.steps.map((s) => ({ op: s.op, id: s.id, sql: s.statements, reverse: s.reverse, hazards: s.hazards })) }, null, 2));
    } else if (p.steps.length === 0) {
      out.out('No differences.');
    } else {
      out.out(describeSteps(out, p.steps));
    }
    return 0;
  } finally {
    await dev?.dispose();
  }
}
