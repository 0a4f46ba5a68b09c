// The five-step round trip: plan before→after, apply (through a real migration file), compare catalogs with a
// database built from `after`, re-plan to empty, roll back and compare with `before`.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { excuse, squawk } from './squawk.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDevDatabase, type DevDatabase } from '../../src/dev-db/dev-db.js';
import { extensionsOf, parseSources } from '../../src/desired/load-sql.js';
import { applyMigrations, diff, lint, planMigration, rollback, type PlanResult } from '../../src/index.js';
import type { Hazard } from '../../src/model/hazard.js';
import type { Scope } from '../../src/model/scope.js';
import type { Queryable } from '../../src/db/queryable.js';
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
  /** Substrings that must appear in this order in the forward plan's statements (an order the plan must keep). */
  readonly order?: readonly string[];
  /** Rows put into `before` first; `query` must give the same result after the rollback (rows brought back), and
   * `forward`'s query, when given, must give its rows after the forward migration. */
  readonly rows?: {
    readonly insert: string;
    readonly query: string;
    readonly forward?: { readonly query: string; readonly rows: readonly unknown[] };
  };
  /** New rows written after the forward migration (`after`) and after the rollback (`before`): each must insert and
   * draw for `column` a value above every value the column held (the sequence positions travelled with the plan). */
  readonly writes?: { readonly after: readonly Write[]; readonly before: readonly Write[] };
  /** `drops:` mode of the plan (default archive). */
  readonly drops?: 'archive' | 'delete';
  /** The first PostgreSQL major that has the feature the case uses (skipped, and said so, on older servers). */
  readonly minServer?: number;
}

export interface Write {
  readonly table: string;
  readonly column: string;
  /** An INSERT … RETURNING the column. */
  readonly insert: string;
}

/** Runs the writes; each new value must lie above the column's largest value before it. */
async function expectWrites(db: Queryable, writes: readonly Write[], label: string): Promise<void> {
  for (const w of writes) {
    const [top] = await db.query<{ m: string | null }>(`SELECT max(${w.column})::text AS m FROM ${w.table}`);
    const rows = await db.query<Record<string, unknown>>(w.insert).catch((err: unknown) => {
      throw new Error(`${label}: ${w.insert} failed: ${(err as Error).message}`);
    });
    const value = BigInt(String(rows[0]?.[w.column]));
    expect(value > BigInt(top?.m ?? '0'), `${label}: ${w.table}.${w.column} got ${value}, at most ${top?.m}`).toBe(
      true,
    );
    // The row goes again, so that the rows compared after the rollback are the ones put in first.
    await db.exec(`DELETE FROM ${w.table} WHERE ${w.column} = ${value}`);
  }
}

/** The dev database of the round trips: a temporary database on the test server, or PGlite when
 * SFM_TEST_DEV=embedded (the version matrix's PGlite run: desired states read back from PGlite's catalog). */
export async function openServerDev(extensions: readonly string[] = []): Promise<DevDatabase> {
  if (!embeddedDev()) return openDevDatabase({ targetUrl: serverUrl(), extensions: [] });
  const dev = await openDevDatabase({ devUrl: 'embedded', extensions });
  // Roles belong to a server; the cases' grants and policies name these.
  for (const role of ['sfm_reader', 'sfm_writer', 'schemainspect_test_role']) {
    await dev.db.exec(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role}; END IF; END $$`,
    );
  }
  return dev;
}

const embeddedDev = () => process.env['SFM_TEST_DEV'] === 'embedded';

/** PGlite loads contrib extensions when it starts: a case that creates some gets a PGlite of its own. */
async function devFor(c: RoundTripCase, shared: DevDatabase): Promise<{ dev: DevDatabase; own: boolean }> {
  if (!embeddedDev()) return { dev: shared, own: false };
  const extensions = extensionsOf(
    await parseSources([
      { path: 'after.sql', text: c.after },
      { path: 'before.sql', text: c.before },
    ]),
  );
  return extensions.length ? { dev: await openServerDev(extensions), own: true } : { dev: shared, own: false };
}

/** Runs the case through the workflows users call: planMigration (writing a real migration file), lint,
 * applyMigrations, diff (re-plan) and rollback. */
export async function roundTrip(c: RoundTripCase, shared: DevDatabase): Promise<PlanResult> {
  const { dev, own } = await devFor(c, shared);
  try {
    return await roundTripOn(c, dev);
  } finally {
    if (own) await dev.dispose();
  }
}

async function roundTripOn(c: RoundTripCase, dev: DevDatabase): Promise<PlanResult> {
  const scope: Scope = c.scope ?? { excludeSchemas: [] };
  const excluded = scope.excludeSchemas;
  const a = await createDatabase(c.before);
  const b = await createDatabase(c.after);
  const dir = mkdtempSync(join(tmpdir(), 'sfm-mig-'));
  try {
    const before = await fingerprint(a.db, excluded, scope.schemas);
    if (c.rows) await a.db.exec(c.rows.insert);
    const rowsBefore = c.rows ? await a.db.query(c.rows.query) : [];
    const after = await fingerprint(b.db, excluded, scope.schemas);
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 'after.sql'), c.after);
    const migrations = join(dir, 'migrations');

    const forward = await planMigration({
      schema: join(dir, 'schema'),
      migrationsDir: migrations,
      url: a.url,
      dev,
      scope,
      name: c.name,
      allowEmptySchema: true,
      drops: c.drops,
    });
    expect(forward.steps.length, `${c.name}: the plan should not be empty`).toBeGreaterThan(0);
    for (const h of c.hazards ?? []) expect(forward.hazards, `${c.name}: hazard ${h}`).toContain(h);
    for (const h of c.noHazards ?? []) expect(forward.hazards, `${c.name}: no hazard ${h}`).not.toContain(h);
    const sql = forward.steps.flatMap((s) => s.statements).join('\n');
    for (const s of c.contains ?? []) expect(sql, `${c.name}: plan should contain ${s}`).toContain(s);
    const positions = (c.order ?? []).map((s) => sql.indexOf(s));
    expect(positions, `${c.name}: plan should have ${(c.order ?? []).join(' before ')}`).toEqual(
      [...positions].sort((x, y) => x - y),
    );
    expect(
      positions.every((p) => p >= 0),
      `${c.name}: plan should contain each of ${(c.order ?? []).join(', ')}`,
    ).toBe(true);

    // lint reads hazards from the parse tree: it must find none that the planner did not declare, and no warning
    // (down sections included). Type taste (char(n), serial, json…) is the desired state's choice, reported as it is
    // for any file: left out here.
    const unclean = (await lint({ migrationsDir: migrations })).findings.filter(
      (f) => (f.severity === 'error' || f.severity === 'warning') && !f.rule.startsWith('type-'),
    );
    const lintLog = process.env['SFM_LINT_LOG'];
    if (lintLog) appendFileSync(lintLog, unclean.map((x) => `${JSON.stringify({ case: c.name, ...x })}\n`).join(''));
    expect(
      unclean.map((f) => `${f.severity} ${f.rule} line ${f.line}: ${f.message}`),
      `${c.name}: lint finds the generated migration clean`,
    ).toEqual([]);
    // squawk, on the same file: whatever it finds, the step declares as a hazard, or it is excused (support/squawk.ts).
    const [v] = await a.db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    for (const f of readdirSync(migrations).filter((x) => x.endsWith('.sql'))) {
      const path = join(migrations, f);
      const found = await squawk(path, String(Math.floor(Number(v?.v) / 10000)));
      const text = readFileSync(path, 'utf8');
      const log = process.env['SFM_SQUAWK_LOG'];
      if (log) appendFileSync(log, found.map((x) => `${JSON.stringify({ case: c.name, ...x })}\n`).join(''));
      const left = found.filter((x) => excuse(x, text) === undefined).map((x) => `${x.rule}: ${x.text}`);
      expect(left, `${c.name}: squawk finds what the plan did not declare`).toEqual([]);
    }
    await applyMigrations({ url: a.url, migrationsDir: migrations, allowHazards: 'all', dev, scope });
    expect(
      await fingerprint(a.db, excluded, scope.schemas),
      `${c.name}: after apply, the catalog equals the one built from after`,
    ).toEqual(after);

    await expectWrites(a.db, c.writes?.after ?? [], `${c.name}: a new row after apply`);
    if (c.rows?.forward)
      expect(await a.db.query(c.rows.forward.query), `${c.name}: rows after the forward migration`).toEqual(
        c.rows.forward.rows,
      );
    const again = await diff({
      from: { type: 'url', url: a.url },
      to: { type: 'model', model: forward.models.desired },
      scope,
    });
    expect(
      again.steps.map((s) => s.statements),
      `${c.name}: re-plan is empty`,
    ).toEqual([]);

    await rollback({ url: a.url, steps: 1, allowHazards: 'all' });
    expect(
      await fingerprint(a.db, excluded, scope.schemas),
      `${c.name}: after rollback, the catalog equals the one built from before`,
    ).toEqual(before);
    if (c.rows)
      expect(await a.db.query(c.rows.query), `${c.name}: after rollback, the rows are back`).toEqual(rowsBefore);
    await expectWrites(a.db, c.writes?.before ?? [], `${c.name}: a new row after rollback`);
    return forward;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await a.drop();
    await b.drop();
  }
}
