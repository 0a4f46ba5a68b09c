// Fleets (issue 11): one migration folder applied to 50 databases on one server; a target that fails is reported
// while the others succeed; after the fix a re-run applies only that target. Targets come from a list or from a
// query on a control database.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFleet, createMigration, planMigration, resolveTargets, statusFleet } from '../../src/index.js';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();
const SCHEMA =
  'CREATE TABLE tenant_note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);\nCREATE INDEX tenant_note_body ON tenant_note (body);\n';

describe('a fleet of 50 databases', () => {
  it('all reach the latest version; a failing target is reported while 49 succeed; a re-run applies only it', async () => {
    const dir = project({ 'schema/a.sql': SCHEMA });
    const migrations = join(dir, 'migrations');
    await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, dev: 'embedded', name: 'notes' });
    const targets = await Promise.all(Array.from({ length: 50 }, () => database()));
    // Target 17 already holds a conflicting object: applying there fails, and only there.
    const bad = targets[17]!;
    await bad.db.exec('CREATE TABLE tenant_note (x int)');
    const seen: string[] = [];
    const first = await applyFleet({
      targets: targets.map((t) => t.url),
      migrationsDir: migrations,
      parallel: 4,
      onTarget: (t) => seen.push(t.target),
    });
    expect(seen).toHaveLength(50);
    expect(first.failed).toBe(1);
    const failed = first.targets.filter((t) => t.error !== undefined);
    expect(failed.map((t) => t.target)).toEqual([expect.stringContaining(bad.name)]);
    expect(failed[0]?.error).toMatch(/differs from what its applied migrations made|already exists/);
    expect(first.targets.filter((t) => t.error === undefined && t.applied === 1)).toHaveLength(49);
    const password = new URL(bad.url).password;
    if (password)
      expect(JSON.stringify(first), 'reports name targets without their password').not.toContain(`:${password}@`);

    await bad.db.exec('DROP TABLE tenant_note');
    const again = await applyFleet({ targets: targets.map((t) => t.url), migrationsDir: migrations, parallel: 8 });
    expect(again.failed).toBe(0);
    expect(again.targets.filter((t) => t.applied > 0).map((t) => t.target)).toEqual([
      expect.stringContaining(bad.name),
    ]);
    const versions = new Set(again.targets.map((t) => t.toVersion));
    expect(versions.size).toBe(1);

    const state = await statusFleet({
      targets: targets.map((t) => t.url),
      migrationsDir: migrations,
      parallel: 8,
      drift: false,
    });
    expect(state.every((s) => s.ok && s.pending === 0)).toBe(true);
  }, 600_000);

  it('canary and fail-fast stop the rollout; the CLI reports per target and exits 1', async () => {
    const dir = project({ 'schema/a.sql': SCHEMA });
    const migrations = join(dir, 'migrations');
    await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, dev: 'embedded', name: 'notes' });
    const targets = await Promise.all(Array.from({ length: 6 }, () => database()));
    await targets[0]!.db.exec('CREATE TABLE tenant_note (x int)');
    const canary = await applyFleet({ targets: targets.map((t) => t.url), migrationsDir: migrations, canary: 2 });
    expect(canary.targets.filter((t) => t.skipped)).toHaveLength(4);
    expect(canary.targets.filter((t) => t.applied === 1)).toHaveLength(1);
    const fast = await applyFleet({
      targets: targets.map((t) => t.url),
      migrationsDir: migrations,
      parallel: 1,
      failFast: true,
    });
    expect(fast.targets.filter((t) => t.skipped)).toHaveLength(5);

    const control = await database(`CREATE TABLE tenants (db text, active boolean);
      INSERT INTO tenants VALUES ${targets.map((t, i) => `('${t.name}', ${i !== 5})`).join(', ')};`);
    const config = `environments:\n  tenants:\n    url: ${control.url}\n    targets:\n      query: SELECT db AS database FROM tenants WHERE active ORDER BY db\n`;
    const cli = project({ 'sfm-schema.config.yaml': config });
    expect(await resolveTargets({ config: join(cli, 'sfm-schema.config.yaml'), env: 'tenants' })).toHaveLength(5);
    const r = await runCli(
      ['apply', '--env', 'tenants', '--all-targets', '--parallel', '2', '--migrations', migrations],
      { cwd: cli },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[\d\/5\] FAILED +postgres:\/\/.*t_/);
    expect(r.stdout).toMatch(/4 of 5 target\(s\) up to date in \d+ ms; 1 failed or skipped/);
    await targets[0]!.db.exec('DROP TABLE tenant_note');
    const fixed = await runCli(['apply', '--env', 'tenants', '--all-targets', '--migrations', migrations, '--json'], {
      cwd: cli,
    });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout).targets.filter((t: { applied: number }) => t.applied === 1)).toHaveLength(1);
    const st = await runCli(['status', '--env', 'tenants', '--all-targets', '--migrations', migrations], { cwd: cli });
    expect(st.code, st.stdout + st.stderr).toBe(0);
    expect(st.stdout.split('\n').filter((l) => l.endsWith(' ok'))).toHaveLength(5);
    await createMigration({ migrationsDir: migrations, name: 'later' });
    const pending = await runCli(
      ['status', '--env', 'tenants', '--all-targets', '--migrations', migrations, '--no-drift'],
      { cwd: cli },
    );
    // Pending is not unclean: the pending column says what apply would do.
    expect(pending.stdout.split('\n').filter((l) => / 1 +- +ok$/.test(l))).toHaveLength(5);
  }, 600_000);
});
