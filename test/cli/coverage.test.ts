// Objects of kinds sfm-schema does not manage are named, never silently skipped: by plan (target and desired
// state), diff, status and inspect; an error with --strict-coverage (or strictCoverage in the config); and a plan
// that drops what such an object depends on is refused before anything is written.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRole, useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

const TABLE = 'CREATE TABLE t (a int, b int, note text);';
const UNMANAGED = `
CREATE SCHEMA ext; CREATE TEXT SEARCH TEMPLATE ext.other_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE ACCESS METHOD my_heap TYPE TABLE HANDLER heap_tableam_handler;
CREATE TEXT SEARCH TEMPLATE my_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE CONVERSION my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE TEXT SEARCH PARSER my_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
  LEXTYPES = prsd_lextype);`;
const NAMED = [
  'text search parser public.my_parser',
  'text search template ext.other_template',
  'text search template public.my_template',
  'access method my_heap',
  'conversion public.my_conv',
];

describe('objects of kinds not managed', () => {
  it('in the target and in the desired state: named by plan, diff, status and inspect; refused under strict', async () => {
    const target = await database(TABLE + UNMANAGED);
    const dir = project({
      'schema/s.sql': `${TABLE}\nCREATE SCHEMA ext;
        CREATE ACCESS METHOD other_heap TYPE TABLE HANDLER heap_tableam_handler;\nCREATE TABLE u (id int PRIMARY KEY);`,
    });

    const plan = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain('warning: the target database holds 5 object(s) of kinds sfm-schema does not manage');
    for (const n of NAMED) expect(plan.stderr).toContain(n);
    expect(plan.stderr).toMatch(
      /the desired state holds 1 object\(s\) .*never reach the database[^\n]*\n {2}access method other_heap/,
    );
    expect(plan.stdout).toContain('CREATE TABLE "public"."u"');
    expect(plan.stdout).not.toMatch(/ACCESS METHOD|CONVERSION|WRAPPER|SERVER|MAPPING|PARSER|TEMPLATE/);
    expect(plan.stdout + plan.stderr).not.toContain('hunter2');

    const strict = await runCli(['plan', '--url', target.url, '--strict-coverage'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      '6 object(s) of kinds sfm-schema does not manage (strict coverage; nothing was written)',
    );
    expect(strict.stderr).toContain('the desired state: access method other_heap');
    expect(strict.stderr).not.toContain('    at ');
    expect(existsSync(join(dir, 'generated-migrations')) && readdirSync(join(dir, 'generated-migrations'))).toBeFalsy();

    const json = JSON.parse((await runCli(['plan', '--url', target.url, '--dry-run', '--json'], { cwd: dir })).stdout);
    expect(json.unmanaged.from.map((u: { type: string }) => u.type)).toEqual([
      'access method',
      'conversion',
      'text search parser',
      'text search template',
      'text search template',
    ]);
    expect(
      json.unmanaged.from.find((u: { identity: string }) => u.identity === 'ext.other_template').dependsOn,
    ).toContain('schema:ext');

    const diff = await runCli(['diff', '--from', target.url, '--to', 'schema'], { cwd: dir });
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stderr).toContain('holds 5 object(s)');

    const inspect = await runCli(['inspect', '--url', target.url], { cwd: dir });
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toMatch(
      /^-- Not written here: 5 object\(s\) of kinds sfm-schema does not manage\.\n-- {3}access method/,
    );
    const strictInspect = await runCli(['inspect', '--url', target.url, '--strict-coverage'], { cwd: dir });
    expect(strictInspect.code).toBe(1);

    expect((await runCli(['plan', '--url', target.url], { cwd: dir })).code).toBe(0);
    const status = await runCli(['status', '--url', target.url], { cwd: dir });
    expect(status.stderr).toContain('no migration creates, changes or checks them');
  });

  it('a plan dropping a schema that an object not managed lives in is refused, naming both', async () => {
    const target = await database(TABLE + UNMANAGED);
    const dir = project({ 'schema/s.sql': TABLE, 'sfm-schema.config.yaml': 'strictCoverage: false\n' });
    const plan = await runCli(['plan', '--url', target.url], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('schema:ext is dropped, and text search template ext.other_template depends on it');
    expect(existsSync(join(dir, 'generated-migrations'))).toBe(false);
  });

  it('statements of the desired state that set what no plan carries are named with their place', async () => {
    const target = await database(TABLE);
    const dir = project({
      'schema/s.sql': `${TABLE}\nALTER TABLE t SET ACCESS METHOD heap;\nALTER TABLE t OWNER TO CURRENT_USER;
INSERT INTO t VALUES (1, 2, 'x');`,
    });
    const plan = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
    expect(plan.stderr).toContain('a table access method (SET ACCESS METHOD) at schema/s.sql:2:1');
    expect(plan.stderr).toContain('ownership (OWNER TO) at schema/s.sql:3:1');
    expect(plan.stderr).toContain('rows (INSERT: a desired state holds the schema, not data) at schema/s.sql:4:1');
    const strict = await runCli(['plan', '--url', target.url, '--dry-run', '--strict-coverage'], { cwd: dir });
    expect(strict.code).toBe(1);
  });

  it('owners: named as not carried by default; planned with owners: true in the config or --owners', async () => {
    await ensureRole('sfm_writer');
    const target = await database(TABLE);
    const files = { 'schema/s.sql': `${TABLE}\nALTER TABLE t OWNER TO sfm_writer;` };
    const off = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: project(files) });
    expect(off.stderr).toContain('ownership (OWNER TO) at schema/s.sql:2:1');
    expect(off.stdout).not.toContain('OWNER TO');
    const config = project({ ...files, 'sfm-schema.config.yaml': 'owners: true\n' });
    const on = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: config });
    expect(on.stderr).not.toContain('ownership (OWNER TO)');
    expect(on.stdout).toContain('ALTER TABLE "public"."t" OWNER TO "sfm_writer"');
    const flag = await runCli(['plan', '--url', target.url, '--dry-run', '--owners'], { cwd: project(files) });
    expect(flag.stdout).toContain('ALTER TABLE "public"."t" OWNER TO "sfm_writer"');
  });

  it('user mappings: their options planned, their secrets never read, written or printed', async () => {
    const server = 'CREATE FOREIGN DATA WRAPPER w; CREATE SERVER far FOREIGN DATA WRAPPER w;';
    const target = await database(
      `${TABLE} ${server} CREATE USER MAPPING FOR PUBLIC SERVER far OPTIONS (user 'old', password 'target-secret-1');`,
    );
    const dir = project({
      'schema/s.sql': `${TABLE}\n${server}\nCREATE USER MAPPING FOR PUBLIC SERVER far
        OPTIONS (user 'reader', password 'hunter2-secret');`,
    });
    const plan = await runCli(['plan', '--url', target.url, '--name', 'mapping'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`ALTER USER MAPPING FOR PUBLIC SERVER "far" OPTIONS (SET "user" 'reader')`);
    expect(plan.stderr).toContain('a secret of a user mapping (password: migrations never carry it');
    const written = readdirSync(join(dir, 'generated-migrations'))
      .map((f) => readFileSync(join(dir, 'generated-migrations', f), 'utf8'))
      .join('\n');
    for (const text of [plan.stdout, plan.stderr, written]) {
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('target-secret');
    }
    const apply = await runCli(['apply', '--url', target.url], { cwd: dir });
    expect(apply.code, apply.stderr).toBe(0);
    // The target keeps its own secret: a plan never touches one.
    const options = await target.db.query<{ o: string[] }>('SELECT umoptions AS o FROM pg_user_mappings');
    expect([...(options[0]?.o ?? [])].sort()).toEqual(['password=target-secret-1', 'user=reader']);
  });

  it('security labels: named by the object they label; a plan dropping a labelled table is refused', async () => {
    // No label provider is loaded here (sepgsql needs SELinux): the labels are written into the catalog as one would.
    const target = await database(`${TABLE}
      SET allow_system_table_mods = on;
      INSERT INTO pg_catalog.pg_seclabel VALUES ('t'::regclass, 'pg_class'::regclass, 0, 'selinux', 'label-a'),
        ('t'::regclass, 'pg_class'::regclass, 3, 'selinux', 'label-b');
      RESET allow_system_table_mods;`);
    const dir = project({ 'schema/s.sql': TABLE });
    const plan = await runCli(['plan', '--url', target.url, '--dry-run', '--json'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout);
    expect(json.unmanaged.from).toEqual([
      { type: 'security label', identity: 'public.t', schema: 'public', dependsOn: ['table:public.t'] },
      { type: 'security label', identity: 'public.t.note', schema: 'public', dependsOn: ['table:public.t'] },
    ]);
    const strict = await runCli(['plan', '--url', target.url, '--strict-coverage'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('the target database: security label public.t');

    const gone = project({ 'schema/s.sql': 'CREATE TABLE other (id int);' });
    const drop = await runCli(['plan', '--url', target.url, '--drops', 'delete'], { cwd: gone });
    expect(drop.code).toBe(1);
    expect(drop.stderr).toContain('table:public.t is dropped, and security label public.t depends on it');
    expect(existsSync(join(gone, 'generated-migrations'))).toBe(false);
  });

  it('strictCoverage in the config is the flag', async () => {
    const target = await database(
      `${TABLE}\nCREATE TEXT SEARCH TEMPLATE my_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);`,
    );
    const dir = project({ 'schema/s.sql': TABLE, 'sfm-schema.config.yaml': 'strictCoverage: true\n' });
    const plan = await runCli(['plan', '--url', target.url, '--dry-run'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('the target database: text search template public.my_template');
  });
});
