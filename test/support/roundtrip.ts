// The five-step round trip: plan before→after, apply (through a real migration file), compare catalogs with a
// database built from `after`, re-plan to empty, roll back and compare with `before`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { introspect } from '../../src/introspect/introspect.js';
import { loadDesired } from '../../src/desired/desired.js';
import { parseSources, extensionsOf } from '../../src/desired/load-sql.js';
import { openDevDatabase, type DevDatabase } from '../../src/dev-db/dev-db.js';
import { plan, planHazards, type Plan } from '../../src/plan/plan.js';
import { renderMigration } from '../../src/migrations/format.js';
import { writeMigration } from '../../src/migrations/directory.js';
import { apply, rollback } from '../../src/apply/apply.js';
import { lintMigration } from '../../src/lint/lint.js';
import type { Hazard, Scope } from '../../src/objects/kind.js';
import { createDatabase, serverUrl } from './db.js';
import { fingerprint } from './fingerprint.js';

export interface RoundTripCase {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  readonly scope?: Scope;
  /** Hazards the forward plan must name (at least these). */
  readonly hazards?: readonly Hazard[];
  /** Hazards the forward plan must not name. */
  readonly noHazards?: readonly Hazard[];
  /** Statements the forward plan must contain (substring match), to pin a strategy such as ADD VALUE. */
  readonly contains?: readonly string[];
}

export function openServerDev(): Promise<DevDatabase> {
  return openDevDatabase({ targetUrl: serverUrl(), extensions: [] });
}

export async function roundTrip(c: RoundTripCase, dev: DevDatabase): Promise<Plan> {
  const scope: Scope = c.scope ?? { excludeSchemas: [] };
  const excluded = scope.excludeSchemas;
  const a = await createDatabase(c.before);
  const b = await createDatabase(c.after);
  const dir = mkdtempSync(join(tmpdir(), 'sfm-mig-'));
  try {
    const before = await fingerprint(a.db, excluded, scope.schemas);
    const after = await fingerprint(b.db, excluded, scope.schemas);
    const sources = await parseSources([{ path: `${c.name}/after.sql`, text: c.after }]);
    const desired = await loadDesired(dev, { sources, extensions: extensionsOf(sources) }, scope);

    const forward = plan(await introspect(a.db, scope), desired);
    expect(forward.steps.length, `${c.name}: the plan should not be empty`).toBeGreaterThan(0);
    for (const h of c.hazards ?? []) expect(planHazards(forward.steps), `${c.name}: hazard ${h}`).toContain(h);
    for (const h of c.noHazards ?? []) expect(planHazards(forward.steps), `${c.name}: no hazard ${h}`).not.toContain(h);
    const sql = forward.steps.flatMap((s) => s.statements).join('\n');
    for (const s of c.contains ?? []) expect(sql, `${c.name}: plan should contain ${s}`).toContain(s);

    const text = renderMigration(
      { from: forward.fromHash, to: forward.toHash, hazards: planHazards(forward.steps), downHazards: planHazards(forward.down) },
      forward.steps, forward.down);
    writeMigration(dir, c.name, text);
    // lint reads hazards from the parse tree: it must find none that the planner did not declare.
    const lintErrors = (await lintMigration(`${c.name}.sql`, text)).filter((f) => f.severity === 'error');
    expect(lintErrors, `${c.name}: lint finds the generated migration clean`).toEqual([]);
    await apply(a.db, { migrationsDir: dir, allowHazards: 'all' });
    expect(await fingerprint(a.db, excluded, scope.schemas), `${c.name}: after apply, the catalog equals the one built from after`).toEqual(after);

    const again = plan(await introspect(a.db, scope), desired);
    expect(again.steps.map((s) => s.statements), `${c.name}: re-plan is empty`).toEqual([]);

    await rollback(a.db, { steps: 1, allowHazards: 'all' });
    expect(await fingerprint(a.db, excluded, scope.schemas), `${c.name}: after rollback, the catalog equals the one built from before`).toEqual(before);
    return forward;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await a.drop();
    await b.drop();
  }
}
