// A password in a URL never comes back: not in output, JSON, errors, written files or their names. (runCli also
// checks every CLI run of the suite for the passwords of its arguments.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { serverUrl, useDatabases } from '../support/db.js';
import { project, runProcess } from '../support/secrets-run.js';

const database = useDatabases();
const PASSWORD = 'S3cr3t:p@ss/w0rd%';
const ROLE = 'sfm_secretive';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function withRole(url: string): string {
  const u = new URL(url);
  u.username = ROLE;
  u.password = encodeURIComponent(PASSWORD);
  return u.toString();
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((e) =>
    statSync(join(d, e)).isDirectory() ? [join(d, e), ...walk(join(d, e))] : [join(d, e)],
  );
}

afterAll(() => admin(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {}));

describe('secrets', () => {
  it('no command prints or writes the password, whatever happens', async () => {
    await admin(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}'; END IF; END $$`,
    );
    const target = await database('CREATE TABLE kept (id int);');
    const url = withRole(target.url);
    const missing = withRole(target.url.replace(/\/[^/]*$/, '/no_such_database'));
    const down = new URL(url);
    down.port = '1';
    const dir = project({ 'schema/a.sql': 'CREATE TABLE kept (id int); CREATE TABLE added (id int);' });
    const runs = [
      ['plan', '--url', url, '--name', 'add'],
      ['plan', '--url', url, '--json', '--dry-run'],
      ['apply', '--url', url, '--json'],
      ['status', '--url', url],
      ['status', '--url', url, '--json'],
      ['diff', '--from', url, '--to', 'schema', '--json'],
      ['inspect', '--url', url, '--format', 'yaml'],
      ['rollback', '--url', url, '--steps', '1', '--allow-hazards', 'all', '--json'],
      ['apply', '--url', url, '--backup', '--backup-dir', 'backups'],
      ['status', '--url', missing],
      ['status', '--url', missing, '--json', '--debug'],
      ['plan', '--url', url, '--dev-url', url],
      ['apply', '--url', down.toString()],
    ];
    let printed = '';
    for (const args of runs) {
      const r = await runProcess(args, dir);
      printed += `${r.stdout}\n${r.stderr}\n`;
    }
    expect(printed).toContain('***');
    for (const form of [PASSWORD, encodeURIComponent(PASSWORD)]) {
      expect(printed.includes(form), `printed output holds the password (${form})`).toBe(false);
      for (const f of walk(dir)) {
        expect(f.includes(form), `file name ${f}`).toBe(false);
        if (statSync(f).isFile()) expect(readFileSync(f, 'latin1').includes(form), `file ${f}`).toBe(false);
      }
    }
  });
});
