// The history changed by hand: a migration recorded as applied without running it (a baseline, or after a manual
// fix), or its row removed after it was undone by hand. Every change is also written to sfm_schema.events with who,
// when and why.
import { inTransaction, type Queryable } from '../db/queryable.js';
import { MigrationError } from '../errors.js';
import type { MigrationFile } from '../migrations/directory.js';
import { parseMigration } from '../migrations/format.js';
import { ensureHistory, readHistory, recordApplied, recordEvent, withLock } from './history.js';

export async function markApplied(db: Queryable, f: MigrationFile, action: string, reason: string): Promise<void> {
  const m = parseMigration(f.file, f.text);
  await withLock(db, async () => {
    if ((await readHistory(db)).some((h) => h.version === f.version))
      throw new MigrationError(`migration ${f.file} is already recorded as applied`);
    await inTransaction(db, async () => {
      await ensureHistory(db);
      await recordApplied(
        db,
        {
          version: f.version,
          name: f.name,
          checksum: f.checksum,
          up_sql: m.up.trim(),
          down_sql: m.down.trim(),
          down_hazards: m.downHazards.join(','),
          to_hash: m.to ?? null,
          duration_ms: 0,
        },
        `${action}: ${reason}`,
      );
      await recordEvent(db, action, f.version, reason);
    });
  });
}

export async function markRolledBack(db: Queryable, version: string, reason: string): Promise<void> {
  await withLock(db, async () => {
    if (!(await readHistory(db)).some((h) => h.version === version))
      throw new MigrationError(`migration ${version} is not recorded as applied`);
    await inTransaction(db, async () => {
      await ensureHistory(db);
      await db.query(`DELETE FROM sfm_schema.history WHERE version = $1`, [version]);
      await db.query(`DELETE FROM sfm_schema.progress WHERE key = $1`, [`up:${version}`]);
      await recordEvent(db, 'resolve --rolled-back', version, reason);
    });
  });
}
