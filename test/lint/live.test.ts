// lint --url: what the target's rows say of a migration, read-only: NULLs that a SET NOT NULL meets, repeated
// values that a unique key or index meets, the rows a data step touches; nothing in the target changes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { useDatabases } from '../support/db.js';
import { fingerprint } from '../support/fingerprint.js';

const database = useDatabases();

const migration = (sql: string) =>
  `-- sfm-schema migration\n-- from: a\n-- to: b\n-- hazards: ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD\n-- down-hazards: none\n` +
  `-- +sfm up\n-- step 1: data\n${sql}\n-- +sfm down\n`;

describe('lint against a target', () => {
  it('counts the rows a NOT NULL or a key would fail on, estimates data steps, and changes nothing', async () => {
    const d = await database(
      `CREATE TABLE t (id int, code text, note text);
       INSERT INTO t SELECT g, 'c' || (g % 50), CASE WHEN g % 10 = 0 THEN NULL ELSE 'n' END FROM generate_series(1, 200) g;
       ANALYZE t; CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);`,
    );
    const before = await fingerprint(d.db, []);
    const dir = mkdtempSync(join(tmpdir(), 'sfm-live-lint-'));
    const file = join(dir, '20260101000000_x.sql');
    writeFileSync(
      file,
      migration(
        [
          'ALTER TABLE public.t ADD COLUMN extra text;',
          'ALTER TABLE public.t ALTER COLUMN note SET NOT NULL;',
          'ALTER TABLE public.t ALTER COLUMN id SET NOT NULL;',
          'ALTER TABLE public.t ADD CONSTRAINT t_code_key UNIQUE (code);',
          'CREATE UNIQUE INDEX t_id ON public.t (id);',
          "UPDATE public.t SET extra = 'x' WHERE note IS NULL;",
          "DELETE FROM public.t WHERE code = 'c1';",
          'CREATE INDEX m_at ON public.m (at);',
          'CREATE INDEX m_id ON ONLY public.m (id);',
        ].join('\n'),
      ),
    );
    const r = await lint({ migrationsDir: dir, files: [file], url: d.url });
    const live = r.findings
      .filter((f) => f.rule.startsWith('live-') || f.rule === 'partitioned-index')
      .map((f) => [f.rule, f.line, f.message]);
    expect(live).toEqual([
      ['live-not-null', 9, '20 row(s) of "public"."t" have note NULL: SET NOT NULL fails there'],
      ['live-unique', 11, '50 value(s) of "public"."t" (code) appear more than once'],
      // The UPDATE names a column the file adds: the target cannot say, so it is left out.
      ['live-rows', 14, expect.stringMatching(/^affects about \d+ row\(s\)/)],
      ['partitioned-index', 15, '"public"."m" is partitioned: the index is built on every partition, blocking writes'],
    ]);
    expect(r.findings.find((f) => f.rule === 'live-not-null')?.severity).toBe('error');
    expect(await fingerprint(d.db, []), 'the target is unchanged').toEqual(before);
  });
});
