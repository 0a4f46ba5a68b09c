// `plan`: desired state vs the live target (with --url) or vs the migration history; writes a migration.
import { connect } from '../../db/queryable.js';
import { openDevDatabase } from '../../dev-db/dev-db.js';
import { loadDesired, readDesired, type DesiredSource } from '../../desired/desired.js';
import { ConfigError } from '../../errors.js';
import type { Model } from '../../model/model.js';
import { introspect } from '../../introspect/introspect.js';
import { historyExtensions, replayHistory } from '../../introspect/history-state.js';
import { plan, planHazards, planWithRenames } from '../../plan/plan.js';
import { pendingRenames } from '../../plan/renames.js';
import { renamedState } from '../../introspect/renamed.js';
import { renderMigration } from '../../migrations/format.js';
import { writeMigration } from '../../migrations/directory.js';
import type { Output } from '../output.js';
import { describeSteps, paint } from '../output.js';
import { scopeOf, targetUrl, type CommonOptions } from '../options.js';

export interface PlanOptions extends CommonOptions {
  name?: string;
  dryRun?: boolean;
  exitCode?: boolean;
  allowEmptySchema?: boolean;
}

/** An empty schema folder against a state with tables is almost always a wrong path: the plan would drop all. */
function refuseEmptyDesired(o: PlanOptions, desired: DesiredSource, current: Model, from: string): void {
  if (o.allowEmptySchema || desired.sources.some((s) => s.statements.length > 0)) return;
  const tables = current.objects.filter((x) => x.kind === 'table').length;
  if (tables === 0) return;
  throw new ConfigError(`the schema path ${o.schema} declares nothing, but ${from} has ${tables} table(s): ` +
    'the plan would drop everything. Pass --allow-empty-schema if that is what you want');
}

export async function planCommand(o: PlanOptions, out: Output): Promise<number> {
  const scope = scopeOf(o);
  const desired = await readDesired(o.schema);
  const url = targetUrl(o);
  const extensions = [...desired.extensions, ...(url ? [] : await historyExtensions(o.migrations))];
  const dev = await openDevDatabase({ ...(o.devUrl ? { devUrl: o.devUrl } : {}), ...(url ? { targetUrl: url } : {}), extensions });
  try {
    let current;
    if (url) {
      const target = await connect(url);
      try {
        current = await introspect(target, scope);
      } finally {
        await target.close();
      }
    } else {
      current = await replayHistory(dev, o.migrations, scope);
    }
    refuseEmptyDesired(o, desired, current, url ? 'the target database' : 'the migration history');
    const wanted = await loadDesired(dev, desired, scope);
    const renames = pendingRenames(current, wanted, desired.renames ?? []);
    const p = renames.length
      ? planWithRenames(current, await renamedState(dev, current, renames, scope, false), wanted, renames)
      : plan(current, wanted);
    const hazards = planHazards(p.steps);
    let written: string | undefined;
    if (p.steps.length > 0 && !o.dryRun) {
      const text = renderMigration({ from: p.fromHash, to: p.toHash, hazards, downHazards: planHazards(p.down) }, p.steps, p.down);
      written = writeMigration(o.migrations, o.name ?? 'schema_change', text).path;
    }
    if (out.json) {
      out.out(JSON.stringify({ changes: p.steps.length, from: p.fromHash, to: p.toHash, hazards, steps: p.steps.map((s) => ({
        op: s.op, kind: s.kind, id: s.id, sql: s.statements, reverse: s.reverse, hazards: s.hazards, outsideTransaction: s.nonTransactional,
      })), down: p.down.map((s) => ({ op: s.op, id: s.id, sql: s.statements })), migration: written ?? null }, null, 2));
    } else if (p.steps.length === 0) {
      out.out('No changes: the desired state matches the current state.');
    } else {
      out.out(`Plan: ${p.steps.length} step(s) from ${url ? 'the target database' : 'the migration history'} to the desired state (dev database: ${dev.description}).`);
      if (hazards.length) out.out(paint(out, 31, `HAZARDS: ${hazards.join(', ')} (apply refuses them unless allowed)`));
      out.out(describeSteps(out, p.steps));
      out.out(written ? `Wrote ${written}` : '(dry run: no migration written)');
    }
    return o.exitCode && p.steps.length > 0 ? 2 : 0;
  } finally {
    await dev.dispose();
  }
}
