// The state the migration history leads to: every migration's up section replayed on the dev database.
import type { Model } from '../model/model.js';
import type { Scope } from '../objects/kind.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import type { Queryable } from '../db/queryable.js';
import { BATCH_SIZE, batchable, tryBatch } from '../db/batch.js';
import { readMigrations, verifySum } from '../migrations/directory.js';
import { parseMigration } from '../migrations/format.js';
import { ensureParser, parseFile, createdExtensions, namedRoles } from '../sql/parse.js';
import { MigrationError, locate } from '../errors.js';
import { introspect } from '../introspect/introspect.js';

export async function historyExtensions(migrationsDir: string): Promise<string[]> {
  await ensureParser();
  return readMigrations(migrationsDir).flatMap((f) =>
    createdExtensions(parseFile(f.path, parseMigration(f.file, f.text).up)),
  );
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

/** Runs a section's statements, in batches of one transaction each where they succeed and one by one where a batch
 * fails (no-transaction steps; the failing statement, reported at its place). Sections holding transaction
 * control run one by one throughout. */
export async function execSection(db: Queryable, s: ReplaySection, what: string): Promise<void> {
  await ensureParser();
  // As apply runs them: SQL function bodies are not checked at creation (see apply/run.ts).
  await db.exec('SET check_function_bodies = off');
  const statements = parseFile(s.file, s.sql);
  const size = batchable(statements) ? BATCH_SIZE : 1;
  for (let i = 0; i < statements.length; i += size) {
    const batch = statements.slice(i, i + size);
    if (
      size > 1 &&
      (await tryBatch(
        db,
        batch.map((x) => x.sql),
      ))
    )
      continue;
    for (const stmt of batch) {
      try {
        await db.exec(stmt.sql);
      } catch (err) {
        const at = locate(s.file, s.sql, stmt.offset);
        throw new MigrationError(`${at.file}:${at.line}:${at.column}: ${what}: ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
  }
}

export async function replayHistory(
  dev: DevDatabase,
  migrationsDir: string,
  scope: Scope,
  upTo?: string,
): Promise<Model> {
  const files = readMigrations(migrationsDir);
  verifySum(migrationsDir, files);
  const sections = files
    .filter((f) => upTo === undefined || f.version <= upTo)
    .map((f) => ({ file: f.path, sql: parseMigration(f.file, f.text).up }));
  return replaySections(dev, sections, scope);
}
