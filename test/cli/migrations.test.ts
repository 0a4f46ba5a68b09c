// create, hash, lint and verify through the CLI, on the embedded dev database.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runCli } from '../support/cli.js';

const embedded = ['--dev-url', 'embedded'];

describe('hand-written migrations', () => {
  it('create, hash, lint and verify: a down section that does not restore the state is caught', async () => {
    const dir = project({ 'schema/kinds.sql': 'CREATE TABLE kinds (id int PRIMARY KEY, name text NOT NULL UNIQUE);' });
    expect((await runCli(['plan', '--name', 'kinds', ...embedded], { cwd: dir })).code).toBe(0);

    const created = await runCli(['create', 'seed kinds'], { cwd: dir });
    expect(created.code).toBe(0);
    const path = /created (\S+):/.exec(created.stdout)?.[1] as string;
    expect(path).toMatch(/generated-migrations\/\d{14}_seed_kinds\.sql$/);
    const template = readFileSync(join(dir, path), 'utf8');
    expect(template).toContain('-- +sfm up');
    expect(template).toContain('-- +sfm down');

    // The down section forgets to delete one row and leaves a table behind.
    writeFileSync(
      join(dir, path),
      template
        .replace(
          '-- +sfm up\n',
          "-- +sfm up\nINSERT INTO kinds VALUES (1, 'actor'), (2, 'institution');\nCREATE TABLE scratch (x int);\n",
        )
        .replace('-- +sfm down\n', '-- +sfm down\nDELETE FROM kinds WHERE id = 1;\n'),
    );
    const stale = await runCli(['verify', ...embedded], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/was edited|changed|sfm\.sum/);

    expect((await runCli(['hash'], { cwd: dir })).stdout).toContain('sfm.sum rewritten for 2 migration(s)');
    const lint = await runCli(['lint'], { cwd: dir });
    expect(lint.code).toBe(0);
    expect(lint.stdout).toContain('2 file(s): 0 error(s)');

    const verify = await runCli(['verify', ...embedded], { cwd: dir });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/ok {3}\d{14}_kinds/);
    expect(verify.stdout).toMatch(/FAIL \d{14}_seed_kinds/);
    expect(verify.stdout).toContain(
      'down does not restore the state before the migration:\n    table:public.scratch: exists now, did not before',
    );

    writeFileSync(
      join(dir, path),
      readFileSync(join(dir, path), 'utf8').replace(
        'DELETE FROM kinds WHERE id = 1;',
        'DROP TABLE scratch;\nDELETE FROM kinds WHERE id IN (1, 2);',
      ),
    );
    await runCli(['hash'], { cwd: dir });
    const lint2 = await runCli(['lint', '--json'], { cwd: dir });
    const report = JSON.parse(lint2.stdout);
    expect(report.errors).toBe(1);
    expect(report.findings.find((f: { severity: string }) => f.severity === 'error')).toMatchObject({
      severity: 'error',
      rule: 'drop',
      hazard: 'DELETES_DATA',
      line: 9,
    });
    writeFileSync(
      join(dir, path),
      readFileSync(join(dir, path), 'utf8').replace('-- down-hazards: none', '-- down-hazards: DELETES_DATA'),
    );
    await runCli(['hash'], { cwd: dir });
    expect((await runCli(['lint'], { cwd: dir })).code).toBe(0);
    const fixed = await runCli(['verify', ...embedded, '--json'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).migrations.map((m: { ok: boolean }) => m.ok)).toEqual([true, true]);
  });

  it('lint reports a syntax error at its place with exit code 1', async () => {
    const dir = project({
      'm.sql':
        '-- sfm-schema migration\n-- hazards: none\n-- down-hazards: none\n-- +sfm up\nCREATE TABLE a (id int;\n-- +sfm down\nDROP TABLE a;\n',
    });
    const r = await runCli(['lint', 'm.sql'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('m.sql:5:23: error [syntax] syntax error at or near ";"');
  });
});
