// The schema folder's _custom/ scripts: raw DDL for objects no kind manages, run as written by the migrations and
// never diffed. The objects they make are said once, not warned about (nor refused under --strict-coverage), on
// either side; a changed script is run again by the next migration; an unchanged one is not.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

const TEMPLATE = (name: string) =>
  `DROP TEXT SEARCH TEMPLATE IF EXISTS ${name};\n` +
  `CREATE TEXT SEARCH TEMPLATE ${name} (INIT = dsimple_init, LEXIZE = dsimple_lexize);\n`;

describe('schema/_custom/', () => {
  it('is run by the migrations as written, said and not warned about, and run again only when it changes', async () => {
    const target = await database();
    const dir = project({
      'schema/a.sql': 'CREATE TABLE t (id int PRIMARY KEY);',
      'schema/_custom/10_search.sql': TEMPLATE('my_template'),
    });
    const plan = await runCli(['plan', '--url', target.url, '--name', 'first'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/\d+\. run custom:[0-9a-f]{16}/);
    expect(plan.stdout).toContain('CREATE TEXT SEARCH TEMPLATE my_template');
    expect(plan.stderr).toContain(
      'note: the _custom/ scripts run as written and are never diffed; they make 1 object(s):\n' +
        '  text search template public.my_template',
    );
    expect(plan.stderr).not.toContain('warning');
    expect((await runCli(['apply', '--url', target.url], { cwd: dir })).code).toBe(0);
    const templates = async () =>
      (
        await target.db.query<{ n: string }>('SELECT tmplname AS n FROM pg_ts_template WHERE oid >= 16384 ORDER BY 1')
      ).map((r) => r.n);
    expect(await templates()).toEqual(['my_template']);

    // Ran already: nothing to plan, and the target's template is the script's, not an unmanaged object.
    const again = await runCli(['plan', '--url', target.url, '--strict-coverage', '--dry-run'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    const diff = await runCli(['diff', '--from', target.url, '--to', 'schema', '--strict-coverage'], { cwd: dir });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stderr).toContain('they make 1 object(s):\n  text search template public.my_template');
    const history = await runCli(['plan', '--dry-run'], { cwd: dir });
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toContain('No changes');

    // Changed: run again, as a whole, by the next migration.
    writeFileSync(join(dir, 'schema/_custom/10_search.sql'), TEMPLATE('my_template') + TEMPLATE('other_template'));
    const changed = await runCli(['plan', '--url', target.url, '--name', 'second'], { cwd: dir });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/1\. run custom:[0-9a-f]{16}/);
    expect((await runCli(['apply', '--url', target.url], { cwd: dir })).code).toBe(0);
    expect(await templates()).toEqual(['my_template', 'other_template']);
    const files = readdirSync(join(dir, 'generated-migrations')).filter((f) => f.endsWith('.sql'));
    expect(files).toHaveLength(2);
    const second = readFileSync(join(dir, 'generated-migrations', files[1] as string), 'utf8');
    expect(second.split('-- +sfm down')[1]).not.toContain('TEMPLATE');
  });

  it('a script PostgreSQL refuses is named with its place, and nothing is written', async () => {
    const target = await database();
    const dir = project({
      'schema/a.sql': 'CREATE TABLE t (id int);',
      'schema/_custom/bad.sql':
        'CREATE TEXT SEARCH TEMPLATE broken (INIT = no_such_function, LEXIZE = dsimple_lexize);',
    });
    const plan = await runCli(['plan', '--url', target.url], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/^error: schema\/_custom\/bad\.sql:1:\d+: .*no_such_function/m);
    expect(plan.stderr).not.toContain('    at ');
  });
});
