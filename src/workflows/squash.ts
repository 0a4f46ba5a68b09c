// squash --to VERSION: the migrations up to VERSION become one migration (the state they lead to, created from
// nothing; down drops it), under VERSION itself, so that later migrations keep their place. Databases that applied
// the old ones take the squash as applied (see apply's squashedVersions); nothing is run again.
import { rmSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import {
  openMigrationDir,
  readMigrations,
  rehash,
  requireMigrationsDir,
  verifySum,
  writeMigration,
} from '../migrations/directory.js';
import { parseMigration, renderMigration } from '../migrations/format.js';
import { emptyModel } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import { plan, planHazards } from '../plan/plan.js';
import { historyExtensions, replayHistory } from '../state/history-state.js';
import { ALL_SCHEMAS } from '../model/scope.js';
import { devOpener, withDev, type DevSpec } from '../dev-db/open.js';

export interface SquashOptions {
  readonly migrationsDir: string;
  readonly to: string;
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
}

export interface SquashResult {
  readonly path: string;
  readonly squashed: readonly string[];
  readonly toHash: string;
  /** The to-hash of the last squashed migration, when it recorded one: equal to toHash when all went well. */
  readonly previousToHash?: string;
}

export async function squash(o: SquashOptions): Promise<SquashResult> {
  requireMigrationsDir(o.migrationsDir);
  const files = readMigrations(o.migrationsDir);
  verifySum(o.migrationsDir, files);
  const range = files.filter((f) => f.version <= o.to);
  if (!range.some((f) => f.version === o.to))
    throw new ConfigError(`squash --to ${o.to}: no migration with that version`);
  if (range.length < 2) throw new ConfigError(`squash --to ${o.to}: nothing to squash (one migration)`);
  const parsed = range.map((f) => ({ f, m: parseMigration(f.file, f.text) }));
  // Rows written by data migrations are not part of a schema state: squashing them would lose them silently.
  const handWritten = parsed.find(({ m }) => m.to === undefined);
  if (handWritten) {
    throw new ConfigError(
      `squash --to ${o.to}: ${handWritten.f.file} is hand-written (data or seed steps), which a squash would lose; squash up ` +
        `to the migration before it`,
    );
  }
  const replaced = parsed.flatMap(({ f, m }) => m.squashes ?? [f.version]);
  const dir = openMigrationDir(o.migrationsDir);
  const extensions = await historyExtensions(dir);
  const state = await withDev(devOpener(o.dev, {})(extensions), (dev) =>
    replayHistory(dev, dir, o.scope ?? ALL_SCHEMAS, o.to),
  );
  const p = plan(emptyModel(), state);
  const text = renderMigration(
    {
      from: p.fromHash,
      to: p.toHash,
      hazards: planHazards(p.steps),
      downHazards: planHazards(p.down),
      squashes: replaced,
    },
    p.steps,
    p.down,
  );
  for (const f of range) rmSync(f.path);
  rehash(o.migrationsDir);
  const last = parsed[parsed.length - 1]?.m;
  const written = writeMigration(o.migrationsDir, 'squashed', text, new Date(), o.to);
  return { path: written.path, squashed: replaced, toHash: p.toHash, ...(last?.to ? { previousToHash: last.to } : {}) };
}
