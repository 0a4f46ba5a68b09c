// `apply`, `rollback` and `status` against the target database.
import { connect } from '../../db/queryable.js';
import { apply, rollback, status } from '../../apply/apply.js';
import type { Output } from '../output.js';
import { allowedHazards, requireUrl, runSettingsOf, scopeOf, type CommonOptions } from '../options.js';
import type { RunEvent, RunSettings } from '../../apply/run.js';
import { ConfigError, IntegrityError } from '../../errors.js';
import type { Queryable } from '../../db/queryable.js';
import { openDevDatabase } from '../../dev-db/dev-db.js';
import { detectDrift, describeDrift } from '../../apply/drift.js';
import { readProgress } from '../../apply/history.js';
import { requireMigrationsDir } from '../../migrations/directory.js';
import { backupDatabase, restoreDatabase } from '../../backup/backup.js';

export interface ApplyCliOptions extends CommonOptions {
  dryRun?: boolean;
  to?: string;
  steps?: string;
  allowDrift?: boolean;
  allowModified?: boolean;
  /** status: --no-drift skips the comparison with the replayed history. */
  drift?: boolean;
}

function devOpener(o: CommonOptions, url: string) {
  return (extensions: string[]) => openDevDatabase({ ...(o.devUrl ? { devUrl: o.devUrl } : {}), targetUrl: url, extensions });
}

/** Refuses to apply over a schema changed by hand, unless allowed. An interrupted run is resumed without the
 * check: its finished segments are not in the history yet. */
async function refuseDrift(o: ApplyCliOptions, db: Queryable, url: string): Promise<void> {
  if (o.allowDrift || o.requireCleanStatus === false) return;
  if ((await readProgress(db)).length > 0) return;
  const drift = await detectDrift(db, o.migrations, devOpener(o, url), scopeOf(o));
  if (drift.length) {
    throw new IntegrityError(`refusing to apply: the database differs from what its applied migrations made (use --allow-drift):\n  ${describeDrift(drift).join('\n  ')}`);
  }
}

/** Run settings plus progress on stderr: slow statements with their time, retries, rebuilt indexes. */
function run(o: ApplyCliOptions, out: Output): Partial<RunSettings> {
  return {
    ...runSettingsOf(o),
    onEvent: (e: RunEvent) => {
      if (e.type === 'statement' && e.ms >= 1000) out.err(`  ${e.file}:${e.line} ${firstLine(e.sql)} (${(e.ms / 1000).toFixed(1)} s)`);
      if (e.type === 'retry') out.err(`  lock timeout in ${e.file}: retry ${e.attempt} in ${e.delayMs} ms`);
      if (e.type === 'invalid-index') out.err(`  index ${e.index} from an interrupted run: ${e.action === 'rebuilt' ? 'invalid, dropped and built again' : 'already valid, kept'}`);
    },
  };
}

const firstLine = (sql: string) => { const l = sql.split('\n')[0] ?? ''; return l.length > 80 ? `${l.slice(0, 77)}...` : l; };

export async function applyCommand(o: ApplyCliOptions, out: Output): Promise<number> {
  // Refuse rather than run without the backup the environment asks for.
  const url = requireUrl(o);
  requireMigrationsDir(o.migrations);
  const db = await connect(url);
  try {
    await refuseDrift(o, db, url);
    // A backup only when something will run; taken before the lock, so a failed dump changes nothing.
    if (o.backup && !o.dryRun && (await status(db, o.migrations)).some((r) => r.state === 'pending' || r.state === 'partial')) {
      const file = await backupDatabase(db, url, o.backupDir ?? 'backups', 'before-apply', o.pgBin);
      out.err(`backup written: ${file}`);
    }
    const done = await apply(db, {
      allowModified: o.allowModified ?? false,
      migrationsDir: o.migrations, allowHazards: allowedHazards(o), dryRun: o.dryRun ?? false,
      ...(o.to ? { to: o.to } : {}), run: run(o, out),
    });
    if (out.json) out.out(JSON.stringify({ applied: done, dryRun: o.dryRun ?? false }, null, 2));
    else if (done.length === 0) out.out('Nothing to apply: the database is up to date.');
    else for (const m of done) out.out(o.dryRun ? `-- would apply ${m.version}_${m.name}\n${m.sql}` : `applied ${m.version}_${m.name} (${m.durationMs} ms)`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function rollbackCommand(o: ApplyCliOptions, out: Output): Promise<number> {
  const steps = o.steps !== undefined ? Number(o.steps) : undefined;
  if (steps !== undefined && (!Number.isInteger(steps) || steps < 1)) throw new ConfigError(`--steps must be a positive integer, got ${o.steps}`);
  const db = await connect(requireUrl(o));
  try {
    const done = await rollback(db, {
      allowHazards: allowedHazards(o), dryRun: o.dryRun ?? false,
      ...(o.to !== undefined ? { to: o.to } : {}), ...(steps !== undefined ? { steps } : {}), run: run(o, out),
    });
    if (out.json) out.out(JSON.stringify({ rolledBack: done, dryRun: o.dryRun ?? false }, null, 2));
    else if (done.length === 0) out.out('Nothing to roll back.');
    else for (const m of done) out.out(o.dryRun ? `-- would roll back ${m.version}_${m.name}\n${m.sql}` : `rolled back ${m.version}_${m.name} (${m.durationMs} ms)`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function restoreCommand(file: string, o: CommonOptions, out: Output): Promise<number> {
  const url = requireUrl(o);
  const db = await connect(url);
  try {
    await restoreDatabase(db, url, file, o.pgBin);
    if (out.json) out.out(JSON.stringify({ restored: file }));
    else out.out(`restored ${file}`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function statusCommand(o: ApplyCliOptions, out: Output): Promise<number> {
  const url = requireUrl(o);
  requireMigrationsDir(o.migrations);
  const db = await connect(url);
  try {
    const rows = await status(db, o.migrations);
    const drift = o.drift === false ? undefined : await detectDrift(db, o.migrations, devOpener(o, url), scopeOf(o));
    if (out.json) out.out(JSON.stringify({ migrations: rows, ...(drift ? { drift } : {}) }, null, 2));
    else {
      if (rows.length === 0) out.out('No migrations.');
      for (const r of rows) out.out(`${r.state.padEnd(12)} ${r.version}_${r.name}${r.appliedAt ? `  ${r.appliedAt}  ${r.durationMs} ms` : ''}`);
      if (drift?.length) out.out(`\nDrift: the database differs from what its applied migrations made:\n  ${describeDrift(drift).join('\n  ')}`);
      else if (drift) out.out('No drift: the database matches its applied migrations.');
    }
    return rows.some((r) => r.state === 'mismatch' || r.state === 'missing-file') || (drift?.length ?? 0) > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}
