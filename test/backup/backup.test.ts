// Backups before apply and restore into an empty database, with the real pg_dump / pg_restore. Where the client
// tools are older than the server (PostgreSQL 18 with Debian's 15 tools), the clear refusal is what is tested;
// CI's PostgreSQL 15 run tests the backup and restore themselves.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPgTool } from '../../src/backup/backup.js';
import { serverMajor, useDatabases, type TestDatabase } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

const count = async (d: TestDatabase, from: string) =>
  Number((await d.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${from}`))[0]?.n);

describe('backup and restore', () => {
  it('apply with --backup writes a pg_dump that restores to the same catalog and rows, or refuses clearly', async () => {
    const target = await database();
    const dir = project({
      'schema/items.sql':
        'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL); CREATE INDEX items_name ON items (name);',
    });
    expect((await runCli(['plan', '--url', target.url, '--name', 'items'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['apply', '--url', target.url], { cwd: dir })).code).toBe(0);
    await target.db.exec(`INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 250) g`);
    writeFileSync(
      join(dir, 'schema/items.sql'),
      'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric); CREATE INDEX items_name ON items (name);',
    );
    expect((await runCli(['plan', '--url', target.url, '--name', 'price'], { cwd: dir })).code).toBe(0);
    const before = await fingerprint(target.db);

    const tool = await findPgTool('pg_dump', await serverMajor()).catch((e: Error) => e);
    const applied = await runCli(['apply', '--url', target.url, '--backup', '--backup-dir', 'backups'], { cwd: dir });
    if (tool instanceof Error) {
      // No usable pg_dump: apply stops before running anything, saying what to install.
      expect(applied.code).toBe(1);
      expect(applied.stderr).toMatch(
        /pg_dump (was not found|\d+ is older than the server \(PostgreSQL \d+\))[^\n]*install the PostgreSQL \d+ client tools/,
      );
      expect(await count(target, `sfm_schema.history`)).toBe(1);
      expect(await fingerprint(target.db)).toEqual(before);
      return;
    }
    expect(applied.code, applied.stderr).toBe(0);
    const dumps = readdirSync(join(dir, 'backups'));
    expect(dumps).toEqual([expect.stringMatching(new RegExp(`^${target.name}-\\d{8}T\\d{6}Z-before-apply\\.dump$`))]);
    expect(applied.stderr).toContain(`backup written: backups/${dumps[0]}`);
    expect(await count(target, `sfm_schema.history`)).toBe(2);

    const restored = await database();
    const r = await runCli(['restore', join(dir, 'backups', dumps[0] as string), '--url', restored.url], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await fingerprint(restored.db)).toEqual(before);
    expect(await count(restored, `items`)).toBe(250);
    expect(await count(restored, `sfm_schema.history`)).toBe(1);

    const again = await runCli(['restore', join(dir, 'backups', dumps[0] as string), '--url', restored.url], {
      cwd: dir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refusing to restore into a database that is not empty');
  });

  it('restore names a missing file', async () => {
    const target = await database();
    const r = await runCli(['restore', '/nonexistent/x.dump', '--url', target.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/x.dump: no such backup file');
    expect(existsSync('/nonexistent/x.dump')).toBe(false);
  });
});
