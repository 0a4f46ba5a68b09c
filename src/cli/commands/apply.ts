// `apply`, `rollback`, `restore` and `status`: print what the workflows return.
import { applyMigrations, restoreBackup, rollback } from '../../workflows/apply.js';
import { status } from '../../workflows/status.js';
import { purge } from '../../workflows/purge.js';
import { ConfigError } from '../../errors.js';
import type { RunEvent, RunSettings } from '../../exec/settings.js';
import { describeDrift } from '../../apply/drift.js';
import { warnUnmanaged, type Output } from '../output.js';
import { allowedHazards, durationMs, requireUrl, runSettingsOf, scopeOf } from '../options.js';
import type { CommonOptions } from '../../config/options.js';

export interface ApplyCliOptions extends CommonOptions {
  dryRun?: boolean;
  to?: string;
  steps?: string;
  allowDrift?: boolean;
  allowModified?: boolean;
  /** status: --no-drift skips the comparison with the replayed history. */
  drift?: boolean;
  /** status: on a database not managed yet, list its differences too. */
  verbose?: boolean;
  lockWait?: string;
  baseline?: string;
  allTargets?: boolean;
  parallel?: string;
  canary?: string;
  failFast?: boolean;
  contract?: boolean;
}

const lockWaitOf = (o: ApplyCliOptions) =>
  o.lockWait === undefined ? undefined : durationMs(o.lockWait, '--lock-wait');

/** Run settings plus progress on stderr: slow statements with their time, retries, rebuilt indexes; what the
 * preflight saw and the finished backfills are kept for --json. */
function run(o: ApplyCliOptions, out: Output, seen: RunEvent[] = []): Partial<RunSettings> {
  const backfill = backfillProgress(out);
  return {
    ...runSettingsOf(o),
    onEvent: (e: RunEvent) => {
      if (e.type === 'backfill') backfill(e);
      if (e.type === 'replica-lag')
        out.err(
          `  backfill waits: a replica is ${Math.round(e.bytes / 1048576)} MB behind (${Math.round(e.waitMs / 1000)} s)`,
        );
      if (e.type === 'preflight' || (e.type === 'backfill' && e.done)) seen.push(e);
      if (e.type === 'statement' && e.ms >= 1000)
        out.err(`  ${e.file}:${e.line} ${firstLine(e.sql)} (${(e.ms / 1000).toFixed(1)} s)`);
      if (e.type === 'retry') out.err(`  lock timeout in ${e.file}: retry ${e.attempt} in ${e.delayMs} ms`);
      if (e.type === 'preflight' && e.action === 'went on')
        out.err(`  preflight: queueing behind ${e.blockers.map((b) => `pid ${b.pid} (${b.state})`).join(', ')}`);
      if (e.type === 'invalid-index')
        out.err(
          `  index ${e.index} from an interrupted run: ${
            e.action === 'rebuilt' ? 'invalid, dropped and built ' + 'again' : 'already valid, kept'
          }`,
        );
    },
  };
}

/** Backfill progress on stderr: a line redrawn on a terminal, every ten seconds elsewhere, and the total at the end. */
function backfillProgress(out: Output): (e: Extract<RunEvent, { type: 'backfill' }>) => void {
  const tty = process.stderr.isTTY === true;
  let shown = 0;
  return (e) => {
    const rate = e.ms > 0 ? Math.round((e.rows * 1000) / e.ms) : 0;
    const left = Math.max(0, e.estimate - e.rows);
    const eta = rate > 0 && !e.done ? `, about ${Math.ceil(left / rate)} s left` : '';
    const of = e.estimate ? ` of about ${Math.round(e.estimate).toLocaleString('en')}` : '';
    const line = `  backfill ${e.table}: ${e.rows.toLocaleString('en')} rows${of}, ${rate.toLocaleString('en')} rows/s${eta}`;
    if (e.done) out.err(tty ? `\r${line} (${(e.ms / 1000).toFixed(1)} s)` : `${line} (${(e.ms / 1000).toFixed(1)} s)`);
    else if (tty) process.stderr.write(`\r${line}`);
    else if (e.ms - shown >= 10_000) {
      shown = e.ms;
      out.err(line);
    }
  };
}

const firstLine = (sql: string) => {
  const l = sql.split('\n')[0] ?? '';
  return l.length > 80 ? `${l.slice(0, 77)}...` : l;
};

export async function applyCommand(o: ApplyCliOptions, out: Output): Promise<number> {
  if (o.allTargets) {
    const { applyFleetCommand } = await import('./fleet.js');
    return applyFleetCommand(o, out, {
      dryRun: o.dryRun,
      to: o.to,
      allowDrift: o.allowDrift || o.requireCleanStatus === false,
      allowModified: o.allowModified,
      run: runSettingsOf(o),
      dev: o.devUrl,
      lockWaitMs: lockWaitOf(o),
    });
  }
  const seen: RunEvent[] = [];
  const r = await applyMigrations({
    url: requireUrl(o),
    migrationsDir: o.migrations,
    allowHazards: allowedHazards(o),
    dryRun: o.dryRun,
    to: o.to,
    allowDrift: o.allowDrift || o.requireCleanStatus === false,
    allowModified: o.allowModified,
    backup: o.backup ? { dir: o.backupDir ?? 'backups', pgBin: o.pgBin } : undefined,
    run: run(o, out, seen),
    dev: o.devUrl,
    scope: scopeOf(o),
    lockWaitMs: lockWaitOf(o),
    baseline: o.baseline,
    contract: o.contract,
  });
  if (r.adopted) out.err(`baseline ${r.adopted} recorded as applied (not run): the live schema is the one it creates`);
  if (r.backupFile) out.err(`backup written: ${r.backupFile}`);
  if (out.json)
    out.out(
      JSON.stringify(
        {
          applied: r.applied,
          dryRun: r.dryRun,
          pooled: r.pooled ?? false,
          preflight: seen.filter((e) => e.type === 'preflight'),
          backfills: seen.filter((e) => e.type === 'backfill'),
        },
        null,
        2,
      ),
    );
  else if (r.applied.length === 0) out.out('Nothing to apply: the database is up to date.');
  else
    for (const m of r.applied)
      out.out(
        r.dryRun
          ? `-- would apply ${m.version}_${m.name}\n${m.sql}`
          : m.phase === 'expanded'
            ? `expanded ${m.version}_${m.name} (${m.durationMs} ms): both application versions can run now; once ` +
              `the new one is deployed everywhere, run apply --contract`
            : m.phase === 'contracted'
              ? `contracted ${m.version}_${m.name} (${m.durationMs} ms)`
              : `applied ${m.version}_${m.name} (${m.durationMs} ms)`,
      );
  return 0;
}

export async function rollbackCommand(o: ApplyCliOptions, out: Output): Promise<number> {
  const r = await rollback({
    url: requireUrl(o),
    allowHazards: allowedHazards(o),
    dryRun: o.dryRun,
    to: o.to,
    steps: o.steps !== undefined ? Number(o.steps) : undefined,
    run: run(o, out),
    lockWaitMs: lockWaitOf(o),
  });
  if (out.json) out.out(JSON.stringify({ rolledBack: r.rolledBack, dryRun: r.dryRun }, null, 2));
  else if (r.rolledBack.length === 0) out.out('Nothing to roll back.');
  else
    for (const m of r.rolledBack)
      out.out(
        r.dryRun
          ? `-- would roll back ${m.version}_${m.name}\n${m.sql}`
          : `rolled back ${m.version}_${m.name} (${m.durationMs} ms)`,
      );
  return 0;
}

export async function restoreCommand(file: string, o: CommonOptions, out: Output): Promise<number> {
  await restoreBackup({ url: requireUrl(o), file, pgBin: o.pgBin });
  out.out(out.json ? JSON.stringify({ restored: file }) : `restored ${file}`);
  return 0;
}

export async function statusCommand(o: ApplyCliOptions, out: Output): Promise<number> {
  if (o.allTargets) return (await import('./fleet.js')).statusFleetCommand(o, out);
  const r = await status({
    url: requireUrl(o),
    migrationsDir: o.migrations,
    drift: o.drift,
    dev: o.devUrl,
    scope: scopeOf(o),
    verbose: o.verbose,
    strictCoverage: o.strictCoverage,
  });
  const unadopted = r.unadopted;
  warnUnmanaged(out, [
    { where: 'the database', meaning: 'no migration creates, changes or checks them', objects: r.unmanaged },
  ]);
  if (out.json)
    out.out(
      JSON.stringify(
        {
          migrations: r.migrations,
          managed: r.managed,
          ...(r.drift ? { drift: r.drift } : {}),
          archives: r.archives,
          ...(unadopted ? { unadopted } : {}),
          unmanaged: r.unmanaged,
          versionSchemas: r.versionSchemas,
        },
        null,
        2,
      ),
    );
  else if (!r.managed) {
    out.out(
      'Not managed yet: no migration was ever applied to this database and none is pending.\n' +
        'To adopt it as it is, run `sfm-schema baseline --url …`: its schema becomes the first migration, recorded as applied.',
    );
  } else if (unadopted && !r.drift) {
    out.out(
      `Not managed yet: this database holds ${unadopted.tables} table(s) and no migration history, while ` +
        `${r.migrations.length} migration(s) are pending.\n` +
        (unadopted.baseline
          ? `Its schema is the state of ${unadopted.baseline}: adopt it with \`sfm-schema apply --baseline ${unadopted.baseline}\`.`
          : 'No migration leads to its schema as it is: `sfm-schema status --verbose` lists the differences; ' +
            '`sfm-schema apply --baseline VERSION` adopts a matching one.'),
    );
  } else {
    if (r.migrations.length === 0) out.out('No migrations.');
    for (const m of r.migrations)
      out.out(
        `${m.state.padEnd(12)} ${m.version}_${m.name}${m.appliedAt ? `  ${m.appliedAt}  ${m.durationMs} ms` : ''}`,
      );
    if (r.drift?.length)
      out.out(
        `\nDrift: the database differs from what its applied migrations made:\n  ${describeDrift(r.drift).join('\n  ')}`,
      );
    else if (r.drift) out.out('No drift: the database matches its applied migrations.');
    if (r.versionSchemas.length)
      out.out(
        `\nOnline migrations wait for their contract. The new application version sees its tables with ` +
          `search_path = ${r.versionSchemas.join(', ')}, <its usual schemas>; run apply --contract once it runs everywhere.`,
      );
  }
  if (!out.json && r.archives.length) {
    out.out(`\nArchives (dropped tables and columns kept for rollback; \`sfm-schema purge\` removes them):`);
    for (const a of r.archives) out.out(`  ${a.schema}  ${a.tables} table(s)  ${formatBytes(a.bytes)}`);
  }
  return r.ok ? 0 : 1;
}

const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/** An age as `30d`, `12h`, `90min`, `45s`, in ms. */
function ageMs(text: string): number {
  const m = /^(\d+)\s*(d|h|min|s)$/.exec(text.trim());
  if (!m) throw new ConfigError(`--older-than must be an age such as 30d, 12h or 90min, got ${JSON.stringify(text)}`);
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000 }[m[2] as 'd'];
}

export async function purgeCommand(
  o: CommonOptions & { olderThan?: string; dryRun?: boolean },
  out: Output,
): Promise<number> {
  const r = await purge({
    url: requireUrl(o),
    olderThanMs: o.olderThan !== undefined ? ageMs(o.olderThan) : undefined,
    dryRun: o.dryRun,
  });
  if (out.json) {
    out.out(JSON.stringify(r, null, 2));
    return 0;
  }
  if (r.purged.length === 0) out.out('Nothing to purge.');
  for (const a of r.purged)
    out.out(`${r.dryRun ? 'would remove' : 'removed'} ${a.schema}  ${a.tables} table(s)  ${formatBytes(a.bytes)}`);
  if (r.kept.length) out.out(`kept ${r.kept.length} younger archive(s)`);
  return 0;
}
