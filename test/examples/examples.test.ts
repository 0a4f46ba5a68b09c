// Each example's README runs as written: its ```sh block is executed with bash, chunk by chunk (chunks are separated
// by blank lines), in a copy of the example folder, with DATABASE_URL naming a fresh database; the database is
// checked after each chunk.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useDatabases, type TestDatabase } from '../support/db.js';
import { BIN } from '../support/cli.js';
import { parseSources, extensionsOf } from '../../src/desired/load-sql.js';
import { readSourceFiles } from '../../src/desired/files.js';
import { loadDesired } from '../../src/desired/desired.js';
import { openServerDev } from '../support/roundtrip.js';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const database = useDatabases();

function chunksOf(example: string): string[] {
  const readme = readFileSync(join(EXAMPLES, example, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error(`${example}/README.md has no sh block`);
  return block.split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean);
}

/** Runs the README's chunks in a copy of the example; calls check(i) after chunk i. */
async function runReadme(example: string, target: TestDatabase, check: (i: number, dir: string) => Promise<void> = async () => {}) {
  const dir = mkdtempSync(join(tmpdir(), `sfm-example-${example}-`));
  cpSync(join(EXAMPLES, example), dir, { recursive: true });
  const shim = `set -euo pipefail\nnpx() { if [ "$1" = sfm-schema ]; then shift; node "${BIN}" "$@"; else command npx "$@"; fi; }\n`;
  const chunks = chunksOf(example);
  for (const [i, chunk] of chunks.entries()) {
    const r = spawnSync('bash', ['-c', shim + chunk], { cwd: dir, encoding: 'utf8', env: { ...process.env, DATABASE_URL: target.url }, timeout: 300_000 });
    expect(r.status, `${example} chunk ${i + 1}:\n${chunk}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(0);
    await check(i, dir);
  }
  return { dir, chunks };
}

const tables = async (d: TestDatabase) => (await d.db.query<{ t: string }>(
  `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map((r) => r.t);

describe('examples run as their READMEs say', () => {
  it('quickstart-sql', async () => {
    const target = await database();
    const { dir } = await runReadme('quickstart-sql', target);
    expect(readdirSync(join(dir, 'generated-migrations')).filter((f) => f.endsWith('.sql'))).toEqual([expect.stringMatching(/_create_shop\.sql$/)]);
    expect(await tables(target)).toEqual([]);
  }, 300_000);

  it('quickstart-yaml, and it is the same schema as quickstart-sql', async () => {
    const target = await database();
    const { dir } = await runReadme('quickstart-yaml', target);
    expect(readFileSync(join(dir, 'inspected', 'schema.yaml'), 'utf8')).toContain('- name: customers');
    expect(await tables(target)).toEqual([]);
    const dev = await openServerDev();
    try {
      const load = async (path: string) => {
        const sources = await parseSources(readSourceFiles(path));
        return loadDesired(dev, { sources, extensions: extensionsOf(sources) }, { excludeSchemas: [] });
      };
      expect(await load(join(EXAMPLES, 'quickstart-yaml', 'schema'))).toEqual(await load(join(EXAMPLES, 'quickstart-sql', 'schema')));
    } finally {
      await dev.dispose();
    }
  }, 300_000);

  it('evolve: three versions, then back', async () => {
    const target = await database();
    const columns = async (table: string) => (await target.db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table])).map((r) => r.c);
    await runReadme('evolve', target, async (i) => {
      if (i === 0) {
        expect(await columns('notes')).toEqual(['id', 'body', 'created_at']);
        await target.db.exec(`INSERT INTO notes (body) VALUES ('first'), ('second')`);
      }
      if (i === 1) {
        expect(await columns('notes')).toEqual(['id', 'body', 'created_at', 'title']);
        expect(await target.db.query(`SELECT title, body FROM notes ORDER BY id`)).toEqual([{ title: 'untitled', body: 'first' }, { title: 'untitled', body: 'second' }]);
      }
      if (i === 2) {
        expect(await columns('entries')).toEqual(['id', 'content', 'created_at', 'title']);
        expect(await target.db.query(`SELECT content FROM entries ORDER BY id`)).toEqual([{ content: 'first' }, { content: 'second' }]);
        // The key's derived name followed the table; the explicitly named index kept its name.
        expect(await target.db.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'entries'::regclass AND contype = 'p'`)).toEqual([{ conname: 'entries_pkey' }]);
        expect(await target.db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'entries' AND indexname = 'notes_title'`)).toEqual([{ indexname: 'notes_title' }]);
      }
      if (i === 3) expect(await tables(target)).toEqual([]);
    });
  }, 600_000);
});
