// `plan`: prints what planMigration returns.
import { writeFileSync } from 'node:fs';
import { planMigration, type PlanResult } from '../../workflows/plan.js';
import { planReport } from '../../workflows/report.js';
import { DEFAULT_CACHE_DIR } from '../../state/cache.js';
import type { Output } from '../output.js';
import { describeSteps, noteCustom, paint, warnUnmanaged } from '../output.js';
import { dropModeOf, durationMs, requireUrl, scopeOf, targetUrl } from '../options.js';
import { ConfigError } from '../../errors.js';
import { parseBytes, type Limits } from '../../impact/limits.js';
import { tableStats } from '../../workflows/stats.js';
import type { CommonOptions } from '../../config/options.js';

const FROM = { database: 'the target database', history: 'the migration history' } as const;

export interface PlanCliOptions extends CommonOptions {
  name?: string;
  dryRun?: boolean;
  exitCode?: boolean;
  allowEmptySchema?: boolean;
  /** commander's --no-prove gives prove: false. */
  prove?: boolean;
  format?: string;
  out?: string;
  /** commander's --no-cache gives cache: false. */
  cache?: boolean;
  stats?: string;
  allowOverLimits?: boolean;
}

/** The config's limits as numbers. */
function limitsOf(o: PlanCliOptions): Limits | undefined {
  if (!o.limits) return undefined;
  const rewrite = o.limits.rewrite;
  const bytes = rewrite === undefined ? undefined : parseBytes(rewrite);
  if (rewrite !== undefined && bytes === undefined) throw new ConfigError(`limits.rewrite: not a size: ${rewrite}`);
  return {
    rewriteBytes: bytes,
    accessExclusiveMs:
      o.limits.accessExclusive === undefined
        ? undefined
        : durationMs(o.limits.accessExclusive, 'limits.accessExclusive'),
  };
}

/** `stats`: the target's table sizes as JSON, for plan --stats. */
export async function statsCommand(o: CommonOptions & { out?: string }, out: Output): Promise<number> {
  const stats = await tableStats({ url: requireUrl(o), scope: scopeOf(o) });
  const text = `${JSON.stringify(stats, null, 2)}\n`;
  if (o.out) {
    writeFileSync(o.out, text);
    out.out(`${Object.keys(stats.tables).length} table(s) written to ${o.out}`);
  } else out.raw(text);
  return 0;
}

/** `--online` (true), `--online auto`, or the config's `online:`. */
function onlineMode(v: unknown): boolean | 'auto' | undefined {
  if (v === undefined || typeof v === 'boolean' || v === 'auto') return v;
  throw new ConfigError(`--online takes no value or auto, got ${JSON.stringify(v)}`);
}

/** What an online plan changes, what the in-place form would have cost, and what the application does. */
function describeOnline(p: PlanResult): string {
  return [
    `Online (docs/zero-downtime.md): ${(p.online ?? []).join('; ')}.`,
    ...(p.onlineBecause?.length ? [`  chosen by online: auto: in place, ${p.onlineBecause.join('; ')}`] : []),
    ...(p.inPlace?.length ? [`  in place it would hold: ${p.inPlace.join('; ')}`] : []),
    '  apply runs the expand and the backfill; deploy the new application version with the version schema first ' +
      'in its search_path (sfm-schema status says which); then apply --contract.',
  ].join('\n');
}

export async function planCommand(o: PlanCliOptions, out: Output): Promise<number> {
  const url = targetUrl(o);
  const p = await planMigration({
    schema: o.schema,
    migrationsDir: o.migrations,
    url,
    dev: o.devUrl,
    scope: scopeOf(o),
    write: !o.dryRun,
    name: o.name,
    allowEmptySchema: o.allowEmptySchema,
    drops: dropModeOf(o),
    prove: o.prove !== false,
    cacheDir: o.cache === false ? undefined : DEFAULT_CACHE_DIR,
    stats: o.stats,
    limits: limitsOf(o),
    allowOverLimits: o.allowOverLimits,
    strictCoverage: o.strictCoverage,
    online: onlineMode(o.online),
  });
  warnUnmanaged(out, [
    { where: FROM[p.from], meaning: 'they are left as they are, never planned', objects: p.unmanaged.from },
    {
      where: 'the desired state',
      meaning: 'no migration creates them, so they never reach the database',
      objects: p.unmanaged.to,
    },
  ]);
  noteCustom(out, p.unmanaged.custom);
  if (o.format === 'markdown' || o.format === 'html') {
    const report = await planReport(p, o.format);
    if (o.out) {
      writeFileSync(o.out, report);
      out.out(`${p.migration ? `Wrote ${p.migration.path}; ` : ''}report: ${o.out}`);
    } else out.raw(report);
  } else if (out.json) {
    out.out(
      JSON.stringify(
        {
          changes: p.steps.length,
          from: p.fromHash,
          to: p.toHash,
          hazards: p.hazards,
          steps: p.steps.map((s) => ({
            op: s.op,
            kind: s.kind,
            id: s.id,
            sql: s.statements,
            reverse: s.reverse,
            hazards: s.hazards,
            hazardDetails: s.hazardDetails ?? [],
            cost: s.cost ?? null,
            locks: s.locks ?? [],
            outsideTransaction: s.nonTransactional,
          })),
          down: p.down.map((s) => ({ op: s.op, id: s.id, sql: s.statements })),
          migration: p.migration?.path ?? null,
          ...(p.online
            ? { online: { changes: p.online, inPlace: p.inPlace ?? [], because: p.onlineBecause ?? [] } }
            : {}),
          proof: p.proof ?? null,
          unmanaged: p.unmanaged,
          timings: p.timings,
        },
        null,
        2,
      ),
    );
  } else if (p.steps.length === 0) {
    out.out('No changes: the desired state matches the current state.');
  } else {
    out.out(
      `Plan: ${p.steps.length} step(s) from ${FROM[p.from]} to the desired state ` +
        `(dev database: ${p.devDatabase}).`,
    );
    if (p.hazards.length)
      out.out(paint(out, 31, `HAZARDS: ${p.hazards.join(', ')} (apply refuses them unless allowed)`));
    if (p.online) out.out(describeOnline(p));
    out.out(describeSteps(out, p.steps));
    out.out(proofLine(p.proof));
    if (p.proof?.refusedRows)
      out.out(
        paint(
          out,
          33,
          `note: ${p.proof.refusedRows.direction} step ${p.proof.refusedRows.step} fails on rows like the proof's samples ` +
            `(proven on empty tables, marked CORRECTNESS):\n  ${p.proof.refusedRows.message.split('\n')[0]}`,
        ),
      );
    out.out(p.migration ? `Wrote ${p.migration.path}` : '(dry run: no migration written)');
  }
  return o.exitCode && p.steps.length > 0 ? 2 : 0;
}

function proofLine(proof: PlanResult['proof']): string {
  if (!proof) return 'Not proven (--no-prove).';
  const skipped = proof.skipped.length
    ? `; ${proof.skipped.length} table(s) could not be filled: ${proof.skipped.map((x) => x.table).join(', ')}`
    : '';
  const notWritten = [...new Set(proof.notWritten.map((x) => x.table))];
  const unwritten = notWritten.length
    ? `; ${notWritten.length} table(s) took no new row: ${notWritten.join(', ')}`
    : '';
  const seen = proof.observed.length
    ? `; hazards seen and added: ${proof.observed.map((o) => `${o.direction} step ${o.step} ${o.hazard}`).join(', ')}`
    : '';
  return (
    `Proven on the dev database in ${proof.durationMs} ms: up, catalog, rows kept, new rows written, down, rows back, ` +
    `new rows written again (${proof.filled} table(s) with sample rows${skipped}${unwritten}${seen}).`
  );
}
