// Apply through PgBouncer in transaction mode (issue 11): sfm-schema sees that server connections are shared, holds
// its lock in a transaction on a connection of its own and sends no session SET; four concurrent runs apply each
// migration exactly once. Directly, the same runs use the session lock. Real PgBouncer (Debian's), started here.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, createMigration, planMigration } from '../../src/index.js';
import { serverUrl, useDatabases } from '../support/db.js';
import { BIN, project } from '../support/cli.js';
import { startPgbouncer, type Bouncer } from '../support/pgbouncer.js';
import { writeFileSync, readdirSync, readFileSync } from 'node:fs';

const database = useDatabases();

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('apply through PgBouncer in transaction mode', () => {
  let bouncer: Bouncer;
  beforeAll(async () => {
    bouncer = await startPgbouncer(serverUrl());
  });
  afterAll(async () => bouncer?.stop());

  it('detects the shared server connections and applies each migration exactly once from four concurrent runs', async () => {
    const d = await database();
    const dir = project({
      'schema/a.sql': 'CREATE TABLE note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);',
    });
    const migrations = join(dir, 'migrations');
    await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, dev: 'embedded', name: 'one' });
    writeFileSync(
      join(dir, 'schema', 'a.sql'),
      'CREATE TABLE note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text, at timestamptz);\nCREATE INDEX note_body ON note (body);\n',
    );
    await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, dev: 'embedded', name: 'two' });
    // A hand-written data step: it must run once, or the count below is off.
    const three = createMigration({ migrationsDir: migrations, name: 'three' });
    writeFileSync(
      three.path,
      readFileSync(three.path, 'utf8')
        .replace('-- +sfm up\n', "-- +sfm up\nINSERT INTO note (body) VALUES ('seeded once');\n")
        .replace('-- +sfm down\n', "-- +sfm down\nDELETE FROM note WHERE body = 'seeded once';\n"),
    );
    expect((await cli(['hash', '--migrations', migrations], dir)).code).toBe(0);

    const pooled = bouncer.url(d.name);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        cli(
          [
            'apply',
            '--url',
            pooled,
            '--migrations',
            migrations,
            '--allow-hazards',
            'INDEX_BUILD',
            '--json',
            '--lock-wait',
            '60s',
          ],
          dir,
        ),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const applied = runs.flatMap((r) =>
      (JSON.parse(r.stdout) as { applied: { version: string }[] }).applied.map((m) => m.version),
    );
    expect(applied.sort()).toEqual(
      readdirSync(migrations)
        .filter((f) => f.endsWith('.sql'))
        .map((f) => f.slice(0, 14))
        .sort(),
    );
    expect(runs.map((r) => JSON.parse(r.stdout).pooled)).toEqual([true, true, true, true]);
    expect(await d.db.query(`SELECT count(*)::int AS n FROM note WHERE body = 'seeded once'`)).toEqual([{ n: 1 }]);
    expect(
      await d.db.query(`SELECT count(*)::int AS n, count(DISTINCT version)::int AS versions FROM sfm_schema.history`),
    ).toEqual([{ n: 3, versions: 3 }]);
    // No lock and no setting stayed behind on a server connection of the pool.
    const direct = await applyMigrations({ url: d.url, migrationsDir: migrations });
    expect(direct.pooled).toBe(false);
    expect(await d.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)).toEqual([{ n: 0 }]);
  });
});
