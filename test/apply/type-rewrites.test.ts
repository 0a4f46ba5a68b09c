// The declared TABLE_REWRITE of a column type change, checked against what PostgreSQL does: each case is a filled
// table whose column changes type; after apply, pg_class.relfilenode says whether the table was rewritten.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, planMigration } from '../../src/index.js';
import { useDatabases, type TestDatabase } from '../support/db.js';

const DOMAINS =
  `CREATE DOMAIN d_plain AS text; CREATE DOMAIN d_checked AS text CHECK (VALUE <> ''); ` +
  `CREATE DOMAIN d_int AS int; CREATE DOMAIN d_int_checked AS int NOT NULL;`;

/** from type, to type, a value both hold, whether PostgreSQL rewrites (measured on 15 and 18 with relfilenode).
 * Changes whose way back changes the proof's sample values (numeric → numeric(p,s), json → jsonb) are refused by the
 * proof, so they are not here. */
const CASES: readonly (readonly [string, string, string, boolean])[] = [
  ['varchar(10)', 'varchar(20)', `'abc'`, false],
  ['varchar(10)', 'varchar', `'abc'`, false],
  ['varchar(20)', 'varchar(10)', `'abc'`, true],
  ['varchar(10)', 'text', `'abc'`, false],
  ['varchar', 'text', `'abc'`, false],
  ['text', 'varchar', `'abc'`, false],
  ['text', 'varchar(20)', `'abc'`, true],
  ['numeric(10,2)', 'numeric(12,2)', '1.5', false],
  ['numeric(10,2)', 'numeric', '1.5', false],
  ['numeric(10,2)', 'numeric(12,3)', '1.5', true],
  ['numeric(12,2)', 'numeric(10,2)', '1.5', true],
  ['bigint', 'numeric', '1', true],
  ['int', 'bigint', '1', true],
  ['bigint', 'int', '1', true],
  ['smallint', 'int', '1', true],
  ['int', 'numeric', '1', true],
  ['real', 'double precision', '1', true],
  ['timestamp(3)', 'timestamp(6)', 'now()', false],
  ['timestamp(6)', 'timestamp(3)', 'now()', true],
  ['timestamp(3)', 'timestamp', 'now()', false],
  ['timestamptz(0)', 'timestamptz(3)', 'now()', false],
  ['time(0)', 'time(3)', 'now()', false],
  ['time(3)', 'time', 'now()', false],
  ['timetz(0)', 'timetz(3)', 'now()', false],
  ['interval(3)', 'interval', `'1 day'`, false],
  ['interval', 'interval(3)', `'1 day'`, true],
  ['char(5)', 'char(10)', `'ab'`, true],
  ['char(10)', 'varchar(10)', `'ab'`, true],
  ['varchar(10)', 'char(10)', `'ab'`, true],
  ['bit varying(5)', 'bit varying(10)', `B'101'`, false],
  ['bit(5)', 'bit varying', `B'10101'`, false],
  ['bit(5)', 'bit varying(10)', `B'10101'`, true],
  ['xml', 'text', `'<a/>'`, false],
  ['cidr', 'inet', `'10.0.0.0/8'`, false],
  ['inet', 'cidr', `'10.0.0.0/8'`, true],
  ['bit varying(10)', 'bit varying', `B'101'`, false],
  ['timestamptz(3)', 'timestamptz', 'now()', false],
  ['varchar(10)[]', 'varchar(20)[]', `'{a}'`, true],
  ['int[]', 'bigint[]', `'{1}'`, true],
  ['text', 'd_plain', `'ab'`, false],
  ['varchar(10)', 'd_plain', `'ab'`, false],
  ['d_plain', 'text', `'ab'`, false],
  ['text', 'd_checked', `'ab'`, true],
  ['d_checked', 'text', `'ab'`, false],
  ['d_plain', 'd_checked', `'ab'`, true],
  ['int', 'd_int', '1', false],
  ['d_int', 'int', '1', false],
  ['int', 'd_int_checked', '1', true],
];

const database = useDatabases();

async function planAndApply(d: TestDatabase, desired: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-rewrites-'));
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema', 'schema.sql'), desired);
  const migrationsDir = join(dir, 'migrations');
  const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir, url: d.url });
  await applyMigrations({ url: d.url, migrationsDir, allowHazards: 'all' });
  return p;
}

const filenodes = async (d: TestDatabase) =>
  new Map(
    (
      await d.db.query<{ t: string; f: number }>(
        `SELECT relname AS t, relfilenode::int AS f FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
      )
    ).map((r) => [r.t, r.f]),
  );

describe('declared rewrites of type changes match what relfilenode shows', () => {
  it(`${CASES.length} column type changes on filled tables`, async () => {
    const table = (i: number, type: string) => `CREATE TABLE t${i} (id int PRIMARY KEY, c ${type});`;
    const d = await database(
      DOMAINS +
        CASES.map(
          ([from, , value], i) =>
            `${table(i, from)} INSERT INTO t${i} SELECT g, ${value} FROM generate_series(1, 50) g;`,
        ).join('\n'),
    );
    const before = await filenodes(d);
    const p = await planAndApply(d, DOMAINS + CASES.map(([, to], i) => table(i, to)).join('\n'));
    const after = await filenodes(d);

    const mismatches = CASES.flatMap(([from, to, , rewrites], i) => {
      const steps = p.steps.filter((s) => s.id === `table:public.t${i}`);
      const declared = steps.some((s) => s.hazards.includes('TABLE_REWRITE'));
      const seen = before.get(`t${i}`) !== after.get(`t${i}`);
      return declared === rewrites && seen === rewrites
        ? []
        : [`${from} → ${to}: declared ${declared}, relfilenode changed ${seen}, expected ${rewrites}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('timestamp ↔ timestamptz: declared with the TimeZone condition, which decides it', async () => {
    const d = await database(
      `CREATE TABLE a (id int PRIMARY KEY, at timestamp); INSERT INTO a SELECT g, now() FROM generate_series(1, 50) g;` +
        `CREATE TABLE b (id int PRIMARY KEY, at timestamptz); INSERT INTO b SELECT g, now() FROM generate_series(1, 50) g;`,
    );
    const [tz] = await d.db.query<{ tz: string }>(`SELECT current_setting('TimeZone') AS tz`);
    const before = await filenodes(d);
    const p = await planAndApply(
      d,
      `CREATE TABLE a (id int PRIMARY KEY, at timestamptz); CREATE TABLE b (id int PRIMARY KEY, at timestamp);`,
    );
    const after = await filenodes(d);
    for (const t of ['a', 'b']) {
      const step = p.steps.find((s) => s.id === `table:public.${t}`);
      expect(step?.hazards).toContain('TABLE_REWRITE');
      expect(step?.hazardDetails?.find((x) => x.type === 'TABLE_REWRITE')?.unless).toMatch(/TimeZone is UTC/);
      const utc = ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Universal', 'Zulu'].includes(tz?.tz ?? '');
      expect(before.get(t) !== after.get(t), `rewritten under TimeZone ${tz?.tz}`).toBe(!utc);
    }
    expect(p.migration?.text).toContain('TABLE_REWRITE unless: public.a.at: timestamp ↔ timestamptz');
  });

  it('a declared rewrite that the proof sees not happen is taken off, and the plan says so', async () => {
    const d = await database(
      `CREATE TABLE t (id int PRIMARY KEY, c varchar(10)); INSERT INTO t SELECT g, 'x' FROM generate_series(1, 50) g;`,
    );
    // A declared conversion is an expression the rules cannot read, so the planner declares a rewrite; this one is
    // the column itself, which PostgreSQL converts without one.
    const p = await planAndApply(d, `CREATE TABLE t (id int PRIMARY KEY, c text -- sfm:using c\n);`);
    const step = p.steps.find((s) => s.id === 'table:public.t');
    expect(step?.statements.join(';')).toContain('USING (c)');
    expect(step?.hazards).not.toContain('TABLE_REWRITE');
    expect(step?.hazardDetails).toContainEqual(
      expect.objectContaining({ type: 'TABLE_REWRITE', source: 'observed', absent: true }),
    );
    expect(p.migration?.text).toMatch(/--   observed no TABLE_REWRITE: declared, but the proof saw public\.t keep/);
  });
});
