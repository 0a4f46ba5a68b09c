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
const PSQL_LITE = join(__dirname, '..', 'support', 'psql-lite.mjs');
const database = useDatabases();

function chunksOf(example: string): string[] {
  const readme = readFileSync(join(EXAMPLES, example, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error(`${example}/README.md has no sh block`);
  return block
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Runs the README's chunks in a copy of the example; calls check(i) after chunk i. */
async function runReadme(
  example: string,
  target: TestDatabase,
  check: (i: number, dir: string) => Promise<void> = async () => {},
) {
  const dir = mkdtempSync(join(tmpdir(), `sfm-example-${example}-`));
  cpSync(join(EXAMPLES, example), dir, { recursive: true });
  // npx sfm-schema runs this checkout; psql is a stand-in (test/support/psql-lite.mjs), so no client is needed.
  const shim =
    `set -euo pipefail\nnpx() { if [ "$1" = sfm-schema ]; then shift; node "${BIN}" "$@"; else command npx "$@"; fi; }\n` +
    `psql() { node "${PSQL_LITE}" "$@"; }\n`;
  const chunks = chunksOf(example);
  for (const [i, chunk] of chunks.entries()) {
    const env = { ...process.env, DATABASE_URL: target.url, SFM_SCHEMA_DIR: join(EXAMPLES, '..', 'schema') };
    const r = spawnSync('bash', ['-c', shim + chunk], { cwd: dir, encoding: 'utf8', env, timeout: 300_000 });
    expect(r.status, `${example} chunk ${i + 1}:\n${chunk}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(0);
    await check(i, dir);
  }
  return { dir, chunks };
}

const tables = async (d: TestDatabase) =>
  (
    await d.db.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    )
  ).map((r) => r.t);

describe('examples run as their READMEs say', () => {
  it('quickstart-sql', async () => {
    const target = await database();
    const { dir } = await runReadme('quickstart-sql', target);
    expect(readdirSync(join(dir, 'generated-migrations')).filter((f) => f.endsWith('.sql'))).toEqual([
      expect.stringMatching(/_create_shop\.sql$/),
    ]);
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
      expect(await load(join(EXAMPLES, 'quickstart-yaml', 'schema'))).toEqual(
        await load(join(EXAMPLES, 'quickstart-sql', 'schema')),
      );
    } finally {
      await dev.dispose();
    }
  }, 300_000);

  it('evolve: three versions, then back', async () => {
    const target = await database();
    const columns = async (table: string) =>
      (
        await target.db.query<{ c: string }>(
          `SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
          [table],
        )
      ).map((r) => r.c);
    await runReadme('evolve', target, async (i) => {
      if (i === 0) {
        expect(await columns('notes')).toEqual(['id', 'body', 'created_at']);
        await target.db.exec(`INSERT INTO notes (body) VALUES ('first'), ('second')`);
      }
      if (i === 1) {
        expect(await columns('notes')).toEqual(['id', 'body', 'created_at', 'title']);
        expect(await target.db.query(`SELECT title, body FROM notes ORDER BY id`)).toEqual([
          { title: 'untitled', body: 'first' },
          { title: 'untitled', body: 'second' },
        ]);
      }
      if (i === 2) {
        expect(await columns('entries')).toEqual(['id', 'content', 'created_at', 'title']);
        expect(await target.db.query(`SELECT content FROM entries ORDER BY id`)).toEqual([
          { content: 'first' },
          { content: 'second' },
        ]);
        // The key's derived name followed the table; the explicitly named index kept its name.
        expect(
          await target.db.query(
            `SELECT conname FROM pg_constraint WHERE conrelid = 'entries'::regclass AND contype = 'p'`,
          ),
        ).toEqual([{ conname: 'entries_pkey' }]);
        expect(
          await target.db.query(
            `SELECT indexname FROM pg_indexes WHERE tablename = 'entries' AND indexname = 'notes_title'`,
          ),
        ).toEqual([{ indexname: 'notes_title' }]);
      }
      if (i === 3) expect(await tables(target)).toEqual([]);
    });
  }, 600_000);

  it("adopt: a hand-made early layout baselined, brought to today's schema with its rows, and back", async () => {
    const target = await database();
    const nodesEarly = [
      { id: '1', node_type: 'actor', name: "Farmers' cooperative", props: '{"members": 120}', created: '1262304000' },
      { id: '2', node_type: 'institution', name: 'Land tenure', props: '{}', created: '1293840000' },
      { id: '3', node_type: 'policy', name: 'Water pricing', props: '{"since": 2011}', created: '1325376000' },
    ];
    const linksEarly = [
      { id: '1', from_node: '1', to_node: '2', link_type: 'delivers', weight: 0.75 },
      { id: '2', from_node: '3', to_node: '1', link_type: 'regulates', weight: 1 },
    ];
    const early = async () => {
      expect(await target.db.query('SELECT id, node_type, name, props, created FROM sfm.nodes ORDER BY id')).toEqual(
        nodesEarly,
      );
      expect(
        await target.db.query('SELECT id, from_node, to_node, link_type, weight FROM sfm.links ORDER BY id'),
      ).toEqual(linksEarly);
    };
    await runReadme('adopt', target, async (i, dir) => {
      if (i === 0) await early();
      if (i === 1)
        expect(readdirSync(join(dir, 'migrations')).filter((f) => f.endsWith('.sql'))).toEqual([
          expect.stringMatching(/_early_layout\.sql$/),
        ]);
      if (i === 2) {
        expect(
          await target.db.query(
            `SELECT id, kind, name, properties, created_at::text AS created_at FROM sfm.node ORDER BY id`,
          ),
        ).toEqual([
          {
            id: '1',
            kind: 'actor',
            name: "Farmers' cooperative",
            properties: { members: 120 },
            created_at: '2010-01-01 00:00:00+00',
          },
          { id: '2', kind: 'institution', name: 'Land tenure', properties: {}, created_at: '2011-01-01 00:00:00+00' },
          {
            id: '3',
            kind: 'policy',
            name: 'Water pricing',
            properties: { since: 2011 },
            created_at: '2012-01-01 00:00:00+00',
          },
        ]);
        expect(
          await target.db.query(
            'SELECT id, source_id, target_id, kind, weight::text AS weight, certainty::text AS certainty FROM sfm.relationship ORDER BY id',
          ),
        ).toEqual([
          { id: '1', source_id: '1', target_id: '2', kind: 'delivers', weight: '0.750000', certainty: '1.000' },
          { id: '2', source_id: '3', target_id: '1', kind: 'regulates', weight: '1.000000', certainty: '1.000' },
        ]);
        // New rows get ids after the adopted ones.
        await target.db.exec(`INSERT INTO sfm.node (kind, name) VALUES ('actor', 'Bank')`);
        expect(await target.db.query(`SELECT id FROM sfm.node WHERE name = 'Bank'`)).toEqual([{ id: '4' }]);
        await target.db.exec(`DELETE FROM sfm.node WHERE name = 'Bank'`);
      }
      if (i === 3) await early();
    });
  }, 600_000);
});
