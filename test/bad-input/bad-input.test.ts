// The bad-input corpus: every file here is input a user could write (schema SQL and YAML, config, migrations, sum
// files, connection URLs), with its expected message in a `.expect` file beside it. Each must give one clear
// error (with its file:line:column where the input is a file with lines), exit 1, no stack trace, and leave the
// target's catalog exactly as it was.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMigration, rehashMigrations } from '../../src/index.js';
import { serverUrl, useDatabases, type TestDatabase } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();
const HERE = __dirname;

/** Inputs whose errors cannot point into them: a sum file is one chain; URLs have no lines. */
const UNLOCATED = new Set(['sum', 'connections']);
/** Migration files whose layout is wrong are refused as a whole (no statement to point at). */
const WHOLE_FILE = new Set(['migrations/no-down-section.sql', 'migrations/no-up-marker.sql', 'migrations/down-before-up.sql']);

function cases(): { category: string; file: string; text: string; expect: string }[] {
  return readdirSync(HERE, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) =>
    readdirSync(join(HERE, d.name)).filter((f) => !f.endsWith('.expect')).sort().map((file) => ({
      category: d.name, file, text: readFileSync(join(HERE, d.name, file), 'utf8'),
      expect: readFileSync(join(HERE, d.name, `${file}.expect`), 'utf8').trim(),
    })));
}

function serverParts(): Record<string, string> {
  const u = new URL(serverUrl());
  return { user: u.username, password: u.password, host: u.hostname, port: u.port };
}

/** The project folder and the command that reads the input. */
function setUp(c: { category: string; file: string; text: string }, target: TestDatabase): { dir: string; args: string[]; at?: string } {
  const plan = ['plan', '--url', target.url, '--dry-run'];
  switch (c.category) {
    case 'schema-sql': case 'schema-yaml':
      return { dir: project({ [`schema/${c.file}`]: c.text }), args: plan, at: `schema/${c.file}` };
    case 'config':
      return { dir: project({ 'sfm-schema.config.yaml': c.text, 'generated-migrations/.keep': '' }), args: ['status', '--url', target.url], at: 'sfm-schema.config.yaml' };
    case 'migrations': {
      const dir = project({});
      const mig = join(dir, 'generated-migrations');
      const made = createMigration({ migrationsDir: mig, name: 'bad' });
      writeFileSync(made.path, c.text);
      rehashMigrations({ migrationsDir: mig });
      return { dir, args: ['apply', '--url', target.url, '--allow-drift'], ...(WHOLE_FILE.has(`migrations/${c.file}`) ? {} : { at: `${made.version}_bad.sql` }) };
    }
    case 'sum': {
      const dir = project({});
      const mig = join(dir, 'generated-migrations');
      const made = createMigration({ migrationsDir: mig, name: 'good' });
      const line = readFileSync(join(mig, 'sfm.sum'), 'utf8').split('\n')[1] as string;
      writeFileSync(join(mig, 'sfm.sum'), c.text.replace('{file}', `${made.version}_good.sql`).replace('{line}', line));
      return { dir, args: ['apply', '--url', target.url, '--allow-drift'] };
    }
    case 'connections': {
      let url = c.text.trim();
      for (const [k, v] of Object.entries(serverParts())) url = url.replace(`{${k}}`, v);
      return { dir: project({ 'generated-migrations/.keep': '' }), args: ['status', '--url', url] };
    }
    default:
      throw new Error(`unknown bad-input category ${c.category}`);
  }
}

describe('bad input corpus', () => {
  const all = cases();
  it('holds at least 60 files', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
  });
  for (const c of all) {
    it(`${c.category}/${c.file}`, async () => {
      const target = await database('CREATE TABLE kept (id int PRIMARY KEY, note text); INSERT INTO kept VALUES (1, \'x\');');
      const before = await fingerprint(target.db, []);
      const { dir, args, at } = setUp(c, target);
      const r = await runCli(args, { cwd: dir, env: { SFM_CONNECT_TIMEOUT_MS: '3000' } });
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
      expect(r.stderr.startsWith('error: '), r.stderr).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at |node_modules\/|\.js:\d+:\d+\)?\n/);
      if (c.expect) expect(r.stderr).toContain(c.expect);
      if (at && !UNLOCATED.has(c.category)) expect(r.stderr).toMatch(new RegExp(`${at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+`));
      expect(await fingerprint(target.db, [])).toEqual(before);
      expect(await target.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'sfm_schema'`)).toEqual([]);
    });
  }
});
