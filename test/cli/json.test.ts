// Every command speaks JSON with --json: one document on stdout, errors included.
import { describe, expect, it } from 'vitest';
import { useDatabases } from '../support/db.js';
import { project, runCli } from '../support/cli.js';

const database = useDatabases();

describe('--json', () => {
  it('every command prints one JSON document', async () => {
    const target = await database();
    const dir = project({ 'schema/t.sql': 'CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX t_a ON t (a);' });
    const url = ['--url', target.url];
    const json = async (args: string[]) => {
      const r = await runCli([...args, '--json'], { cwd: dir });
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    };
    expect(await json(['plan', ...url, '--name', 't'])).toMatchObject({
      changes: 3,
      migration: expect.stringMatching(/_t\.sql$/),
    });
    expect(await json(['lint'])).toMatchObject({ files: 1, errors: 0 });
    expect(await json(['verify', ...url])).toMatchObject({
      failed: 0,
      migrations: [expect.objectContaining({ ok: true })],
    });
    expect(await json(['apply', ...url, '--dry-run'])).toMatchObject({
      dryRun: true,
      applied: [expect.objectContaining({ name: 't' })],
    });
    expect(await json(['apply', ...url])).toMatchObject({
      dryRun: false,
      applied: [expect.objectContaining({ name: 't' })],
    });
    expect(await json(['status', ...url])).toMatchObject({
      migrations: [expect.objectContaining({ state: 'applied' })],
      drift: [],
    });
    expect(await json(['diff', '--from', target.url, '--to', 'migrations:generated-migrations'])).toMatchObject({
      changes: 0,
    });
    expect(await json(['inspect', ...url])).toMatchObject({
      format: 'sql',
      sql: expect.stringContaining('CREATE TABLE "public"."t"'),
    });
    expect(await json(['create', 'seed'])).toMatchObject({ created: expect.stringMatching(/_seed\.sql$/) });
    expect(await json(['hash'])).toMatchObject({
      files: [expect.stringMatching(/_t\.sql$/), expect.stringMatching(/_seed\.sql$/)],
    });
    expect(await json(['rollback', ...url, '--steps', '1', '--allow-hazards', 'all'])).toMatchObject({
      rolledBack: [expect.objectContaining({ name: 't' })],
    });

    const failed = await runCli(['restore', '/nonexistent.dump', ...url, '--json'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({
      error: '/nonexistent.dump: no such backup file',
      details: { type: 'BackupError' },
    });
  });
});
