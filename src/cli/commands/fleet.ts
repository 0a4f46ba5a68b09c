// `apply --all-targets` and `status --all-targets`: one line per target as it finishes, then a table; --json gives
// the report. Exit 1 when any target failed (or, for status, is not clean).
import { applyFleet, resolveTargets, statusFleet, type FleetTarget } from '../../workflows/fleet.js';
import { ConfigError } from '../../errors.js';
import type { Output } from '../output.js';
import { allowedHazards, scopeOf } from '../options.js';
import type { CommonOptions } from '../../config/options.js';

export interface FleetCliOptions extends CommonOptions {
  parallel?: string;
  canary?: string;
  failFast?: boolean;
  dryRun?: boolean;
  to?: string;
  allowDrift?: boolean;
  allowModified?: boolean;
  drift?: boolean;
}

const count = (s: string | undefined, flag: string) => {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${flag} must be a whole number, got ${JSON.stringify(s)}`);
  return n;
};

async function targetsOf(o: FleetCliOptions): Promise<string[]> {
  if (!o.env)
    throw new ConfigError('--all-targets needs --env NAME: the environment whose targets: lists the databases');
  return resolveTargets({ config: o.config, env: o.env });
}

const line = (t: FleetTarget) =>
  t.skipped
    ? `skipped  ${t.target}`
    : t.error !== undefined
      ? `FAILED   ${t.target}: ${t.error.split('\n')[0]}`
      : `ok       ${t.target}: ${t.fromVersion ?? 'nothing'} -> ${t.toVersion ?? 'nothing'} (${t.applied} applied, ${t.durationMs} ms)`;

export async function applyFleetCommand(
  o: FleetCliOptions,
  out: Output,
  apply: Omit<Parameters<typeof applyFleet>[0], 'targets' | 'migrationsDir'>,
): Promise<number> {
  const targets = await targetsOf(o);
  const r = await applyFleet({
    ...apply,
    targets,
    migrationsDir: o.migrations,
    parallel: count(o.parallel, '--parallel'),
    canary: count(o.canary, '--canary'),
    failFast: o.failFast,
    allowHazards: allowedHazards(o),
    scope: scopeOf(o),
    onTarget: out.json ? undefined : (t, done, total) => out.err(`[${done}/${total}] ${line(t)}`),
  });
  if (out.json) out.out(JSON.stringify(r, null, 2));
  else {
    out.out(`\n${'target'.padEnd(48)} ${'from'.padEnd(14)} ${'to'.padEnd(14)} applied  ms      result`);
    for (const t of r.targets) {
      const result = t.skipped ? 'skipped' : t.error !== undefined ? `FAILED: ${t.error.split('\n')[0]}` : 'ok';
      out.out(
        `${t.target.padEnd(48)} ${(t.fromVersion ?? '-').padEnd(14)} ${(t.toVersion ?? '-').padEnd(14)} ` +
          `${String(t.applied).padEnd(8)} ${String(t.durationMs).padEnd(7)} ${result}`,
      );
    }
    out.out(
      `${r.targets.length - r.failed} of ${r.targets.length} target(s) up to date in ${r.durationMs} ms${
        r.failed ? `; ` + `${r.failed} failed or skipped (a re-run continues where each stopped)` : ''
      }`,
    );
  }
  return r.failed ? 1 : 0;
}

export async function statusFleetCommand(o: FleetCliOptions, out: Output): Promise<number> {
  const rows = await statusFleet({
    targets: await targetsOf(o),
    migrationsDir: o.migrations,
    drift: o.drift,
    dev: o.devUrl,
    scope: scopeOf(o),
    parallel: count(o.parallel, '--parallel'),
  });
  if (out.json) out.out(JSON.stringify(rows, null, 2));
  else {
    out.out(`${'target'.padEnd(48)} ${'version'.padEnd(14)} pending  drift  state`);
    for (const r of rows) {
      out.out(
        `${r.target.padEnd(48)} ${(r.version ?? '-').padEnd(14)} ${String(r.pending).padEnd(8)} ` +
          `${String(r.drift ?? '-').padEnd(6)} ${r.error ? `error: ${r.error.split('\n')[0]}` : r.ok ? 'ok' : 'NOT CLEAN'}`,
      );
    }
  }
  return rows.every((r) => r.ok) ? 0 : 1;
}
