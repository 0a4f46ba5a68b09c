// Drift: differences between the live schema and the state its applied history should have produced (the
// history's up SQL replayed on a dev database). Objects are compared one by one, without the re-creations a plan
// would spread to dependents, so each item names what was changed by hand.
import type { Model } from '../model/model.js';
import { diffContext } from '../diff/diff.js';
import { kindOf } from '../objects/registry.js';
import type { Scope } from '../model/scope.js';
import type { Queryable } from '../db/queryable.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import { introspect } from '../introspect/introspect.js';
import { replaySections } from '../state/history-state.js';
import { createdExtensions, ensureParser, parseFile } from '../sql/parse.js';
import { readHistory } from './history.js';
import { readMigrations, type MigrationFile } from '../migrations/directory.js';
import { segmentsOf } from '../migrations/segments.js';
import { indexId } from '../objects/shared/ids.js';
import { concurrentIndexOf } from '../exec/concurrent-index.js';
import { parseMigration, splitContract } from '../migrations/format.js';
import { schemaHash } from '../diff/hash.js';

export interface DriftItem {
  readonly id: string;
  readonly kind: string;
  /** unexpected: in the database, not in the history; missing: the other way round; changed: in both, differing. */
  readonly state: 'unexpected' | 'missing' | 'changed';
  readonly detail?: string;
}

export function driftBetween(expected: Model, live: Model): DriftItem[] {
  const ctx = diffContext(expected, live);
  const items: DriftItem[] = [];
  for (const obj of live.objects) {
    // A cut-off concurrent build is not drift: the apply that resumes drops and rebuilds it.
    if (obj.incomplete) continue;
    const was = ctx.fromById.get(obj.id);
    if (!was) {
      items.push({ id: obj.id, kind: obj.kind, state: 'unexpected' });
      continue;
    }
    const kind = kindOf(obj);
    const changes = kind.compare(was, obj, ctx);
    if (changes === 'recreate')
      items.push({ id: obj.id, kind: obj.kind, state: 'changed', detail: 'definition differs' });
    else if (changes.length) {
      const detail = changes.map((c) => kind.describe?.(c) ?? c.action.type).join('; ');
      items.push({ id: obj.id, kind: obj.kind, state: 'changed', detail });
    }
  }
  for (const obj of expected.objects) {
    if (!ctx.toById.has(obj.id)) items.push({ id: obj.id, kind: obj.kind, state: 'missing' });
  }
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const DRIFT_WORDS = {
  unexpected: 'not made by any applied migration',
  missing: 'made by the history, gone from the database',
  changed: 'changed outside migrations',
};

export function describeDrift(
  items: readonly DriftItem[],
  words: Record<DriftItem['state'], string> = DRIFT_WORDS,
): string[] {
  return items.map((d) => `${d.id}: ${words[d.state]}${d.detail ? ` (${d.detail})` : ''}`);
}

/**
 * Drift as the CLI contract defines it: the live schema differs from the from-state of the first pending migration,
 * or, with nothing pending, from the to-state of the last applied one. Equal hashes end the check without a dev
 * database (and a database never managed by sfm-schema is clean for a plan made from it). Otherwise the applied
 * history is replayed on a dev database and compared object by object; no object differing means the hashes
 * differed only in how another server version printed the catalog.
 */
export async function detectDrift(
  target: Queryable,
  migrationsDir: string,
  openDev: (extensions: string[]) => Promise<DevDatabase>,
  scope: Scope,
): Promise<DriftItem[]> {
  await ensureParser();
  const history = await readHistory(target);
  const applied = new Set(history.map((h) => h.version));
  const firstPending = readMigrations(migrationsDir).find((f) => !applied.has(f.version));
  // A hand-written migration has no hashes: the newest known state stands in (a data-only migration keeps it; one
  // that changed the schema makes the hashes differ, and the replay below decides).
  const lastKnown = [...history].reverse().find((h) => h.to_hash)?.to_hash ?? undefined;
  const expectedHash =
    (firstPending ? parseMigration(firstPending.file, firstPending.text).from : undefined) ?? lastKnown;
  const live = await introspect(target, scope);
  if (expectedHash !== undefined && expectedHash === schemaHash(live)) return [];
  // An online migration waiting for its contract made only its expand.
  const sections = history.map((h) => ({
    file: `${h.version}_${h.name}.sql (up, from history)`,
    sql: h.phase === 'expanded' || h.phase === 'expanding' ? splitContract(h.up_sql).expand : h.up_sql,
  }));
  const extensions = sections.flatMap((s) => createdExtensions(parseFile(s.file, s.sql)));
  const dev = await openDev(extensions);
  let items: DriftItem[];
  try {
    items = driftBetween(await replaySections(dev, sections, scope), live);
  } finally {
    await dev.dispose();
  }
  // An index the first pending migration builds concurrently may exist already: a run killed after the build but
  // before recording it. The resuming run keeps it (or rebuilds an invalid one), so it is not drift.
  const resumable = firstPending ? await concurrentIndexIds(firstPending) : new Set<string>();
  return items.filter((d) => !(d.state === 'unexpected' && resumable.has(d.id)));
}

async function concurrentIndexIds(f: MigrationFile): Promise<Set<string>> {
  const segments = await segmentsOf({ file: f.path, sql: parseMigration(f.file, f.text).up });
  return new Set(
    segments
      .flatMap((s) => s.statements)
      .flatMap((stmt) => {
        const target = concurrentIndexOf(stmt);
        return target ? [indexId(...target)] : [];
      }),
  );
}
