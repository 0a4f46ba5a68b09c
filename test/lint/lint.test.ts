// lint on hand-written migration text: syntax with its place, hazards from the parse tree against the header.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintMigration } from '../../src/lint/lint.js';
import { lint } from '../../src/workflows/files.js';

const file = (up: string, hazards = 'none', down = '') =>
  `-- sfm-schema migration\n-- hazards: ${hazards}\n-- down-hazards: none\n-- +sfm up\n${up}\n-- +sfm down\n${down}\n`;

const existing = 'ALTER TABLE t ';
const cases: {
  name: string;
  text: string;
  expect: { line: number; column: number; severity: string; rule: string; hazard?: string }[];
}[] = [
  {
    name: 'a clean data step',
    text: file(`INSERT INTO kinds (name) VALUES ('actor');\nUPDATE t SET a = 1 WHERE id = 2;`),
    expect: [],
  },
  {
    name: 'syntax error with its place',
    text: file(`CREATE TABLE a (id int);\nCREATE TABEL b (id int);`),
    expect: [{ line: 6, column: 8, severity: 'error', rule: 'syntax' }],
  },
  {
    name: 'undeclared drop',
    text: file(`DROP TABLE old;`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'drop', hazard: 'DELETES_DATA' }],
  },
  {
    name: 'declared drop is a note',
    text: file(`DROP TABLE old;`, 'DELETES_DATA'),
    expect: [{ line: 5, column: 1, severity: 'note', rule: 'drop', hazard: 'DELETES_DATA' }],
  },
  {
    name: 'column dropped',
    text: file(`${existing}DROP COLUMN c;`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'drop-column', hazard: 'DELETES_DATA' }],
  },
  {
    name: 'type change rewrites',
    text: file(`${existing}ALTER COLUMN c TYPE bigint;`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'column-type', hazard: 'TABLE_REWRITE' }],
  },
  {
    name: 'index built without CONCURRENTLY on an existing table',
    text: file(`CREATE INDEX t_a ON t (a);`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'index-build', hazard: 'INDEX_BUILD' }],
  },
  {
    name: 'index on a table the file creates is fine',
    text: file(`CREATE TABLE n (a int);\nCREATE INDEX n_a ON n (a);`),
    expect: [],
  },
  {
    name: 'CONCURRENTLY inside the transaction',
    text: file(`CREATE INDEX CONCURRENTLY t_a ON t (a);`, 'INDEX_BUILD'),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'concurrently-in-transaction' }],
  },
  {
    name: 'CONCURRENTLY in a no-transaction step',
    text: file(`-- +sfm no-transaction\nCREATE INDEX CONCURRENTLY t_a ON t (a);`),
    expect: [],
  },
  {
    name: 'check validated under lock',
    text: file(`${existing}ADD CONSTRAINT p CHECK (a > 0);`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'validating-constraint', hazard: 'ACCESS_EXCLUSIVE_LOCK' }],
  },
  {
    name: 'check NOT VALID then VALIDATE',
    text: file(
      `${existing}ADD CONSTRAINT p CHECK (a > 0) NOT VALID;\n-- +sfm no-transaction\n${existing}VALIDATE CONSTRAINT p;`,
    ),
    expect: [],
  },
  {
    name: 'SET NOT NULL scans',
    text: file(`${existing}ALTER COLUMN a SET NOT NULL;`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'set-not-null', hazard: 'ACCESS_EXCLUSIVE_LOCK' }],
  },
  {
    name: 'SET NOT NULL after a validated check',
    text: file(
      `${existing}ADD CONSTRAINT a_nn CHECK (a IS NOT NULL) NOT VALID;\n-- +sfm no-transaction\n${existing}VALIDATE CONSTRAINT a_nn;\n${existing}ALTER COLUMN a SET NOT NULL;`,
    ),
    expect: [],
  },
  {
    name: 'volatile default rewrites',
    text: file(`${existing}ADD COLUMN u uuid DEFAULT gen_random_uuid();`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'add-column-rewrite', hazard: 'TABLE_REWRITE' }],
  },
  {
    name: 'delete without where',
    text: file(`DELETE FROM t;`),
    expect: [{ line: 5, column: 1, severity: 'error', rule: 'delete-all', hazard: 'DELETES_DATA' }],
  },
  {
    name: 'update without where warns',
    text: file(`UPDATE t SET a = 0;`),
    expect: [{ line: 5, column: 1, severity: 'warning', rule: 'update-all' }],
  },
  {
    name: 'rename breaks clients',
    text: file(`${existing}RENAME COLUMN a TO b;`, 'CORRECTNESS'),
    expect: [{ line: 5, column: 1, severity: 'note', rule: 'rename', hazard: 'CORRECTNESS' }],
  },
  {
    name: 'truncate in the down section is judged by down-hazards',
    text: file(`SELECT 1;`, 'none', `TRUNCATE t;`),
    expect: [{ line: 7, column: 1, severity: 'error', rule: 'truncate', hazard: 'DELETES_DATA' }],
  },
  {
    name: 'missing sections',
    text: `CREATE TABLE a (id int);\n`,
    expect: [{ line: 1, column: 1, severity: 'error', rule: 'layout' }],
  },
];

describe('lint', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await lintMigration('m.sql', c.text);
      expect(
        found.map((f) => ({
          line: f.line,
          column: f.column,
          severity: f.severity,
          rule: f.rule,
          ...(f.hazard ? { hazard: f.hazard } : {}),
        })),
      ).toEqual(c.expect);
      for (const f of found) expect(f.file).toBe('m.sql');
    });
  }

  it('messages say what to do instead', async () => {
    const [f] = await lintMigration('m.sql', file(`CREATE INDEX t_a ON t (a);`));
    expect(f?.message).toBe(
      'CREATE INDEX on public.t blocks writes while it builds; use CREATE INDEX CONCURRENTLY in a no-transaction step [INDEX_BUILD, not declared in the "-- hazards:" header line]',
    );
  });
});

describe('lint of files', () => {
  it('names each file as it was given, an absolute path as absolute (never climbing out with ../)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfm-lint-'));
    const path = join(dir, '20260101000000_x.sql');
    writeFileSync(path, file('DROP TABLE old;'));
    const report = await lint({ migrationsDir: dir, files: [path] });
    expect(report.findings.map((f) => f.file)).toEqual([path]);
  });
});
