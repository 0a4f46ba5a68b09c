// apply, rollback and status against a target database.
import type { Queryable } from '../db/queryable.js';
import { HazardError, IntegrityError, MigrationError } from '../errors.js';
import { isHazard, type Hazard } from '../model/hazard.js';
import { readMigrations, requireMigrationsDir, verifySum, type MigrationFile } from '../migrations/directory.js';
import { parseMigration, splitContract, type MigrationText } from '../migrations/format.js';
import {
  dropHistoryIfUnused,
  ensureHistory,
  historyExists,
  historyRowSum,
  progressOf,
  readHistory,
  recordProgress,
  readProgress,
  recordApplied,
  recordFinished,
  withLock,
  type HistoryRow,
} from './history.js';
import { segmentsOf } from '../migrations/segments.js';
import { segmentRelations } from '../exec/preflight.js';
import { runSegments, type Progress } from '../exec/segments.js';
import { sectionScript } from '../exec/script.js';
import { DEFAULT_RUN, type RunSettings } from '../exec/settings.js';

export interface ApplyOptions {
  readonly migrationsDir: string;
  readonly allowHazards: readonly Hazard[] | 'all';
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly run?: Partial<RunSettings>;
  /** Apply even though applied migrations or the sum file changed (after a deliberate edit). */
  readonly allowModified?: boolean;
  /** How long to wait for another run's lock (default: DEFAULT_LOCK_WAIT_MS). */
  readonly lockWaitMs?: number;
  /** Through a pooler that shares server connections: a connection on which the lock is held in an open
   * transaction (see withLock). */
  readonly lockOn?: () => Promise<Queryable>;
  /** The caller holds the lock already (taken through a pooler it is not re-entrant). */
  readonly lockHeld?: boolean;
  /** Run the contract of online migrations (docs/zero-downtime.md): those expanded before, then the pending ones
   * whole. Without it an online migration stops after its expand and backfill. */
  readonly contract?: boolean;
}

export interface AppliedMigration {
  readonly version: string;
  readonly name: string;
  readonly durationMs: number;
  readonly sql: string;
  /** Online migrations: 'expanded' (its contract waits for `apply --contract`), 'contracted' (a contract that ran
   * now, of a migration expanded before). */
  readonly phase?: 'expanded' | 'contracted';
}

function refused(hazards: readonly Hazard[], allow: ApplyOptions['allowHazards']): Hazard[] {
  return allow === 'all' ? [] : hazards.filter((h) => !allow.includes(h));
}

/** The step headers (`-- step 3: drop table:public.t [DELETES_DATA]`) that carry a refused hazard. */
function offendingSteps(section: string, bad: readonly Hazard[]): string[] {
  return [...section.matchAll(/^-- (step \d+: .*) \[(.*)\]$/gm)]
    .filter((m) => (m[2] ?? '').split(', ').some((h) => isHazard(h) && bad.includes(h)))
    .map((m) => `${m[1]} [${m[2]}]`);
}

const settings = (run: Partial<RunSettings> | undefined): RunSettings => ({ ...DEFAULT_RUN, ...run });

/** A history row edited by hand (its checksum or the down SQL that rollback would run) is refused, naming it. */
function refuseAltered(rows: readonly HistoryRow[]): void {
  const bad = rows.find((h) => h.row_sum !== null && h.row_sum !== historyRowSum(h));
  if (bad)
    throw new IntegrityError(
      `the history row of migration ${bad.version}_${bad.name} was altered by hand (its content no longer matches its sum): ` +
        `restore it before applying or rolling back`,
    );
}

/**
 * Versions replaced by a squashed migration, mapped to it. A database that applied them has, in effect, applied the
 * squash: its history keeps the old rows (with their own down SQL), and nothing is run again.
 */
function squashedVersions(files: readonly MigrationFile[]): Map<string, MigrationFile> {
  const out = new Map<string, MigrationFile>();
  for (const f of files) for (const v of parseMigration(f.file, f.text).squashes ?? []) out.set(v, f);
  return out;
}

/** A squash whose versions this database applied only in part cannot be applied or skipped: say what to do. */
function refusePartialSquash(files: readonly MigrationFile[], history: readonly HistoryRow[]): void {
  const done = new Set(history.map((h) => h.version));
  for (const f of files) {
    const replaced = parseMigration(f.file, f.text).squashes ?? [];
    const applied = replaced.filter((v) => done.has(v));
    if (applied.length > 0 && applied.length < replaced.length) {
      throw new IntegrityError(
        `${f.file} squashes ${replaced.length} migrations, of which this database applied ${applied.length}: ` +
          `apply the original migrations up to ${replaced[replaced.length - 1]} first (from version control), then this one ` +
          `is taken as applied`,
      );
    }
  }
}

/** Applied migrations must still be the files they were: compares each history checksum with its file. */
function checkApplied(files: readonly MigrationFile[], history: readonly HistoryRow[]): void {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  refuseAltered(history);
  refusePartialSquash(files, history);
  const squashed = squashedVersions(files);
  for (const h of history) {
    if (squashed.has(h.version)) continue;
    const f = byVersion.get(h.version);
    if (!f) throw new IntegrityError(`migration ${h.version}_${h.name} is applied but its file is missing`);
    if (f.checksum !== h.checksum)
      throw new IntegrityError(`migration ${f.file} was changed after it was applied (checksum differs)`);
  }
}

/** A section's run recorded in sfm_schema.progress under `key`; `record` writes its history change. */
async function progressIn(db: Queryable, key: string, record: () => Promise<void>): Promise<Progress> {
  const at = await progressOf(db, key);
  return {
    done: at.done,
    ...(at.cursor ? { cursor: at.cursor } : {}),
    record: (done, cursor) => recordProgress(db, key, done, cursor),
    finish: async () => {
      await record();
      await db.query(`DELETE FROM sfm_schema.progress WHERE key = $1`, [key]);
    },
  };
}

/** Runs fn under the migration lock, unless the caller holds it. */
function locked<T>(
  db: Queryable,
  opts: { lockWaitMs?: number; lockOn?: () => Promise<Queryable>; lockHeld?: boolean },
  fn: () => Promise<T>,
): Promise<T> {
  return opts.lockHeld ? fn() : withLock(db, fn, opts.lockWaitMs, opts.lockOn);
}

export async function apply(db: Queryable, opts: ApplyOptions): Promise<AppliedMigration[]> {
  requireMigrationsDir(opts.migrationsDir);
  const files = readMigrations(opts.migrationsDir);
  if (!opts.allowModified) verifySum(opts.migrationsDir, files);
  return locked(db, opts, async () => {
    const history = await readHistory(db);
    if (!opts.allowModified) checkApplied(files, history);
    const done = new Set(history.map((h) => h.version));
    // Online migrations cut off in their backfill are in the history already, and finished first.
    const expanding = new Set(history.filter((h) => h.phase === 'expanding').map((h) => h.version));
    const pending = files.filter(
      (f) => expanding.has(f.version) || (!done.has(f.version) && (opts.to === undefined || f.version <= opts.to)),
    );
    const parsed = pending.map((f) => ({ f, m: parseMigration(f.file, f.text) }));
    const expanded = history.filter((h) => h.phase === 'expanded');
    if (expanded.length && !opts.contract) await refuseOverExpanded(expanded, files, parsed);
    const problems = parsed.flatMap(({ f, m }) => {
      const bad = refused(m.hazards, opts.allowHazards);
      if (!bad.length) return [];
      return [`${f.file}: ${bad.join(', ')}`, ...offendingSteps(m.up, bad).map((s) => `  ${s}`)];
    });
    if (problems.length) {
      throw new HazardError(
        `refusing to apply: hazards not allowed (use --allow-hazards):\n  ${problems.join('\n  ')}`,
      );
    }
    // Every pending section must parse before anything runs: a syntax error in the third migration must not leave
    // the first two applied.
    for (const { f, m } of parsed) await segmentsOf({ file: f.path, sql: m.up });
    // The history schema is created only once something is known to run, and taken away again if the very first
    // run fails before anything was recorded.
    const fresh = !opts.dryRun && parsed.length > 0 && !(await historyExists(db));
    if (!opts.dryRun && parsed.length > 0) await ensureHistory(db);
    const contracted = opts.contract ? await contractExpanded(db, expanded, files, opts) : [];
    try {
      return [...contracted, ...(await applyParsed(db, parsed, opts))];
    } catch (err) {
      if (fresh) await dropHistoryIfUnused(db).catch(() => {});
      throw err;
    }
  });
}

async function applyParsed(
  db: Queryable,
  parsed: readonly { f: MigrationFile; m: MigrationText }[],
  opts: ApplyOptions,
): Promise<AppliedMigration[]> {
  const out: AppliedMigration[] = [];
  for (const { f, m } of parsed) {
    // An online migration stops after its expand unless told to contract: the way back is then its down-expanded.
    const cut = splitContract(m.up);
    const expandOnly = cut.contract !== undefined && !opts.contract;
    const section = { file: f.path, sql: expandOnly ? cut.expand : m.up };
    if (opts.dryRun) {
      const record = `INSERT INTO sfm_schema.history (version, name, …) VALUES ('${f.version}', '${f.name}', …);`;
      out.push({
        version: f.version,
        name: f.name,
        durationMs: 0,
        sql: await sectionScript(section, settings(opts.run), record),
        ...(expandOnly ? { phase: 'expanded' as const } : {}),
      });
      continue;
    }
    const started = Date.now();
    const segments = await segmentsOf(section);
    const row = (down: 'whole' | 'expanded') => ({
      version: f.version,
      name: f.name,
      checksum: f.checksum,
      up_sql: m.up.trim(),
      down_sql: (down === 'expanded' ? (m.downExpanded ?? '') : m.down).trim(),
      down_hazards: (down === 'expanded' ? (m.downExpandedHazards ?? []) : m.downHazards).join(','),
      to_hash: m.to ?? null,
      duration_ms: Date.now() - started,
    });
    // An online migration is in the history from its expand's commit on (phase 'expanding', in that transaction): a
    // run cut off in its backfill is then resumed by apply and undone by rollback (its down-expanded section).
    const historyAt = m.downExpanded !== undefined ? segments.findIndex((s) => s.backfill) : -1;
    const key = `up:${f.version}`;
    const progress = await progressIn(db, key, async () => {
      if (historyAt > 0)
        await recordFinished(db, row(expandOnly ? 'expanded' : 'whole'), expandOnly ? 'expanded' : null);
      else
        await recordApplied(db, row(expandOnly ? 'expanded' : 'whole'), undefined, expandOnly ? 'expanded' : undefined);
    });
    const ms = await runSegments(
      db,
      section,
      settings(opts.run),
      {
        ...progress,
        record: async (done, cursor) => {
          await progress.record(done, cursor);
          if (done === historyAt && cursor === undefined)
            await recordApplied(db, row('expanded'), undefined, 'expanding');
        },
      },
      {},
      segments,
    );
    out.push({
      version: f.version,
      name: f.name,
      durationMs: ms,
      sql: m.up.trim(),
      ...(expandOnly ? { phase: 'expanded' as const } : {}),
    });
  }
  return out;
}

/** The tables an online migration's contract changes (its sync triggers, views and swaps are on them). */
async function contractTables(f: MigrationFile, m: MigrationText): Promise<Set<string>> {
  const part = splitContract(m.up).contract;
  if (part === undefined) return new Set();
  const segments = await segmentsOf({ file: f.path, sql: part });
  return new Set(segments.flatMap((s) => segmentRelations(s.statements)));
}

/**
 * While online migrations wait for their contract, only further online migrations on other tables may be applied:
 * the migrations after them were planned from the contracted state.
 */
async function refuseOverExpanded(
  expanded: readonly HistoryRow[],
  files: readonly MigrationFile[],
  parsed: readonly { f: MigrationFile; m: MigrationText }[],
): Promise<void> {
  const inFlight = new Map<string, string>();
  for (const h of expanded) {
    const f = files.find((x) => x.version === h.version);
    if (!f) continue;
    for (const t of await contractTables(f, parseMigration(f.file, f.text))) inFlight.set(t, f.file);
  }
  for (const { f, m } of parsed) {
    if (splitContract(m.up).contract === undefined)
      throw new MigrationError(
        `${f.file} is not an online migration, and ${expanded.map((h) => `${h.version}_${h.name}`).join(', ')} waits ` +
          `for its contract: run apply --contract once the new application version is deployed (it contracts first)`,
      );
    for (const t of await contractTables(f, m)) {
      const other = inFlight.get(t);
      if (other)
        throw new MigrationError(
          `${f.file} changes ${t} online, which ${other} is changing already (expanded, not contracted): ` +
            `one online change per table at a time; run apply --contract first`,
        );
    }
  }
}

/** Runs the contracts of migrations expanded earlier, oldest first. */
async function contractExpanded(
  db: Queryable,
  expanded: readonly HistoryRow[],
  files: readonly MigrationFile[],
  opts: ApplyOptions,
): Promise<AppliedMigration[]> {
  const out: AppliedMigration[] = [];
  for (const h of expanded) {
    const f = files.find((x) => x.version === h.version);
    if (!f) throw new IntegrityError(`migration ${h.version}_${h.name} waits for its contract but its file is missing`);
    const m = parseMigration(f.file, f.text);
    const part = splitContract(m.up).contract ?? '';
    if (opts.dryRun) {
      const record = `UPDATE sfm_schema.history SET phase = NULL, … WHERE version = '${f.version}';`;
      out.push({
        version: f.version,
        name: f.name,
        durationMs: 0,
        sql: await sectionScript({ file: f.path, sql: part }, settings(opts.run), record),
        phase: 'contracted',
      });
      continue;
    }
    const ms = await runSegments(
      db,
      { file: f.path, sql: part },
      settings(opts.run),
      await progressIn(db, `contract:${f.version}`, () =>
        recordFinished(db, { ...h, down_sql: m.down.trim(), down_hazards: m.downHazards.join(',') }, null),
      ),
    );
    out.push({ version: f.version, name: f.name, durationMs: ms, sql: part.trim(), phase: 'contracted' });
  }
  return out;
}

export interface RollbackOptions {
  readonly to?: string;
  readonly steps?: number;
  readonly allowHazards: readonly Hazard[] | 'all';
  readonly dryRun?: boolean;
  readonly run?: Partial<RunSettings>;
  readonly lockWaitMs?: number;
  readonly lockOn?: () => Promise<Queryable>;
  readonly lockHeld?: boolean;
}

export async function rollback(db: Queryable, opts: RollbackOptions): Promise<AppliedMigration[]> {
  if (opts.to === undefined && opts.steps === undefined)
    throw new MigrationError('rollback needs --to VERSION or --steps N');
  return locked(db, opts, async () => {
    const history = await readHistory(db);
    const newestFirst = [...history].reverse();
    const undo =
      opts.steps !== undefined
        ? newestFirst.slice(0, opts.steps)
        : newestFirst.filter((h) => opts.to === '0' || h.version > (opts.to as string));
    refuseAltered(undo);
    if (opts.to !== undefined && opts.to !== '0' && !history.some((h) => h.version === opts.to)) {
      throw new MigrationError(`version ${opts.to} is not applied`);
    }
    const problems = undo.flatMap((h) => {
      const bad = refused(h.down_hazards.split(',').filter(isHazard), opts.allowHazards);
      return bad.length ? [`${h.version}_${h.name}: ${bad.join(', ')}`] : [];
    });
    if (problems.length)
      throw new HazardError(
        `refusing to roll back: hazards not allowed (use --allow-hazards):\n  ${problems.join('\n  ')}`,
      );
    if (!opts.dryRun && undo.length > 0) await ensureHistory(db);
    const out: AppliedMigration[] = [];
    for (const h of undo) {
      const src = { file: `${h.version}_${h.name}.sql (down, from history)`, sql: h.down_sql };
      if (opts.dryRun) {
        const record = `DELETE FROM sfm_schema.history WHERE version = '${h.version}';`;
        out.push({
          version: h.version,
          name: h.name,
          durationMs: 0,
          sql: await sectionScript(src, settings(opts.run), record),
        });
        continue;
      }
      const ms = await runSegments(
        db,
        src,
        settings(opts.run),
        await progressIn(db, `down:${h.version}`, async () => {
          await db.query(`DELETE FROM sfm_schema.history WHERE version = $1`, [h.version]);
          // An online migration cut off in its backfill left where it stood: undone, it starts afresh next time.
          await db.query(`DELETE FROM sfm_schema.progress WHERE key = $1`, [`up:${h.version}`]);
        }),
      );
      out.push({ version: h.version, name: h.name, durationMs: ms, sql: h.down_sql });
    }
    return out;
  });
}

export interface StatusRow {
  readonly version: string;
  readonly name: string;
  /** partial: stopped part-way through its steps that run outside a transaction; `apply` resumes it. altered: its
   * history row was changed by hand since it was written (its recorded SQL or checksum no longer match its sum). */
  readonly state: 'applied' | 'expanded' | 'pending' | 'partial' | 'mismatch' | 'missing-file' | 'altered';
  readonly appliedAt?: string;
  readonly durationMs?: number;
}

export async function status(db: Queryable, migrationsDir: string): Promise<StatusRow[]> {
  requireMigrationsDir(migrationsDir);
  const files = readMigrations(migrationsDir);
  const history = await readHistory(db);
  const partial = new Set((await readProgress(db)).map((p) => p.key));
  const byVersion = new Map(history.map((h) => [h.version, h]));
  const squashed = squashedVersions(files);
  const rows: StatusRow[] = files.map((f) => {
    const h = byVersion.get(f.version);
    if (!h) return { version: f.version, name: f.name, state: partial.has(`up:${f.version}`) ? 'partial' : 'pending' };
    const altered = h.row_sum !== null && h.row_sum !== historyRowSum(h);
    // A squash stands for the rows of the migrations it replaced, whose checksums are their own.
    const same = h.checksum === f.checksum || squashed.get(f.version) === f;
    return {
      version: f.version,
      name: f.name,
      state: altered
        ? 'altered'
        : !same
          ? 'mismatch'
          : h.phase === 'expanded'
            ? 'expanded'
            : h.phase === 'expanding'
              ? 'partial'
              : 'applied',
      appliedAt: new Date(h.applied_at).toISOString(),
      durationMs: h.duration_ms,
    };
  });
  const fileVersions = new Set(files.map((f) => f.version));
  for (const h of history) {
    if (!fileVersions.has(h.version) && !squashed.has(h.version))
      rows.push({
        version: h.version,
        name: h.name,
        state: 'missing-file',
        appliedAt: new Date(h.applied_at).toISOString(),
        durationMs: h.duration_ms,
      });
  }
  return rows.sort((a, b) => (a.version < b.version ? -1 : 1));
}
