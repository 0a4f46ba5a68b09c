// The state the migration history leads to: every migration's up section replayed on the dev database.
import type { Model } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import type { Queryable } from '../db/queryable.js';
import { runBatched } from '../exec/batches.js';
import { inSection } from '../exec/statement.js';
import type { MigrationDir } from '../migrations/directory.js';
import { parseMigration } from '../migrations/format.js';
import { ensureParser, parseFile, createdExtensions, namedRoles } from '../sql/parse.js';
import { introspect } from '../introspect/introspect.js';

export async function historyExtensions(dir: MigrationDir): Promise<string[]> {
  await ensureParser();
  return dir.files().flatMap((f) => createdExtensions(parseFile(f.path, parseMigration(f.file, f.text).up)));
}

export interface ReplaySection {
  readonly file: string;
  readonly sql: string;
}

/** Runs the sections in order on an emptied dev database and reads back the result. */
export async function replaySections(
  dev: DevDatabase,
  sections: readonly ReplaySection[],
  scope: Scope,
): Promise<Model> {
  await dev.reset();
  await addNamedRoles(dev, sections);
  for (const s of sections) await execSection(dev.db, s, 'replaying the history failed');
  return introspect(dev.db, scope);
}

/** Stub roles for the roles the sections name, where the dev database has only its own (PGlite). */
export async function addNamedRoles(dev: DevDatabase, sections: readonly ReplaySection[]): Promise<void> {
  if (!dev.addRoles) return;
  await ensureParser();
  await dev.addRoles(namedRoles(sections.flatMap((s) => parseFile(s.file, s.sql))));
}

/** Runs a section's statements on a dev database (see exec/batches.ts); a failure names `what` failed. */
export async function execSection(db: Queryable, s: ReplaySection, what: string): Promise<void> {
  await ensureParser();
  const statements = parseFile(s.file, s.sql).map((stmt) => ({ ...inSection(s, stmt), type: stmt.type }));
  await runBatched(db, statements, { what });
}

export async function replayHistory(dev: DevDatabase, dir: MigrationDir, scope: Scope, upTo?: string): Promise<Model> {
  const sections = dir
    .files()
    .filter((f) => upTo === undefined || f.version <= upTo)
    .map((f) => ({ file: f.path, sql: parseMigration(f.file, f.text).up }));
  return replaySections(dev, sections, scope);
}
