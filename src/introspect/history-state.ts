// The state the migration history leads to: every migration's up section replayed on the dev database.
import type { Model } from '../model/model.js';
import type { Scope } from '../objects/kind.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import { readMigrations, verifySum } from '../migrations/directory.js';
import { parseMigration } from '../migrations/format.js';
import { ensureParser, parseFile, createdExtensions } from '../sql/parse.js';
import { MigrationError, locate } from '../errors.js';
import { introspect } from './introspect.js';

export async function historyExtensions(migrationsDir: string): Promise<string[]> {
  await ensureParser();
  return readMigrations(migrationsDir).flatMap((f) => createdExtensions(parseFile(f.path, parseMigration(f.file, f.text).up)));
}

export async function replayHistory(dev: DevDatabase, migrationsDir: string, scope: Scope, upTo?: string): Promise<Model> {
  await ensureParser();
  const files = readMigrations(migrationsDir);
  verifySum(migrationsDir, files);
  await dev.reset();
  for (const f of files) {
    if (upTo !== undefined && f.version > upTo) break;
    const up = parseMigration(f.file, f.text).up;
    for (const stmt of parseFile(f.path, up)) {
      try {
        await dev.db.exec(stmt.sql);
      } catch (err) {
        const at = locate(f.path, up, stmt.offset);
        throw new MigrationError(`${at.file}:${at.line}:${at.column}: replaying the history failed: ${(err as Error).message}`, { cause: err });
      }
    }
  }
  return introspect(dev.db, scope);
}
