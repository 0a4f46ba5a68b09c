// Sample rows on schemas as real services write them (issue 22, item 4): unique columns with constant defaults,
// CHECKs over value lists, patterns and pairs of columns, domains, enums, ranges, expression and partial unique
// indexes, and foreign keys in cycles. At least 95% of the tables must hold rows.
import { describe, expect, it } from 'vitest';
import { readTables } from '../../src/rehearse/catalog.js';
import { fillTables } from '../../src/rehearse/sample-rows.js';
import { useDatabases } from '../support/db.js';

const database = useDatabases();
const scope = { excludeSchemas: [] };

const COMMON = `
CREATE DOMAIN pct AS numeric CHECK (VALUE BETWEEN 0 AND 1);
CREATE DOMAIN code3 AS varchar(3) CHECK (VALUE IN ('abc', 'def', 'ghi', 'jkl'));
CREATE DOMAIN email AS text CHECK (VALUE ~ '^[^@ ]+@[^@ ]+$');
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
CREATE TYPE state AS ENUM ('draft', 'open', 'closed');
CREATE TYPE lonely AS ENUM ('only');`;

/** Six shapes of table, `n` times each: 6n tables. */
function schema(n: number): string {
  const parts = [COMMON];
  for (let i = 0; i < n; i++) {
    parts.push(`
CREATE TABLE ref_${i} (id serial PRIMARY KEY, code text NOT NULL DEFAULT '' UNIQUE, name text NOT NULL DEFAULT '',
  CHECK (code ~ '^[a-z][a-z_]*$'), CHECK (length(name) < 40));
CREATE TABLE account_${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, mail email NOT NULL, share pct NOT NULL,
  country code3 NOT NULL DEFAULT 'abc', level text NOT NULL CHECK (level IN ('gold', 'silver', 'bronze')),
  st state NOT NULL DEFAULT 'draft', deleted_at timestamptz, ref int NOT NULL REFERENCES ref_${i});
CREATE UNIQUE INDEX account_${i}_mail ON account_${i} (lower(mail::text)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX account_${i}_country ON account_${i} (country, ref);
CREATE TABLE period_${i} (id int PRIMARY KEY, starts date NOT NULL, ends date NOT NULL, lo int NOT NULL, hi int NOT NULL,
  during tstzrange NOT NULL, days daterange, qty positive NOT NULL, CHECK (ends > starts), CHECK (lo < hi),
  CHECK (qty <= 100), CHECK (upper(during) > lower(during)));
CREATE TABLE chicken_${i} (id int PRIMARY KEY, egg_id int);
CREATE TABLE egg_${i} (id int PRIMARY KEY, chicken_id int NOT NULL REFERENCES chicken_${i}, label text NOT NULL DEFAULT '' UNIQUE);
ALTER TABLE chicken_${i} ADD FOREIGN KEY (egg_id) REFERENCES egg_${i};
CREATE TABLE setting_${i} (id int PRIMARY KEY, is_default boolean NOT NULL DEFAULT false, kind lonely NOT NULL UNIQUE,
  account bigint NOT NULL REFERENCES account_${i}, period int REFERENCES period_${i}, ratio float8 NOT NULL CHECK (ratio > 0 AND ratio < 1));
CREATE UNIQUE INDEX setting_${i}_default ON setting_${i} (is_default) WHERE is_default;`);
  }
  return parts.join('\n');
}

describe('sample rows', () => {
  it('fill at least 95% of a 60-table schema of unique defaults, checks, domains, enums, ranges and cycles', async () => {
    const d = await database(schema(10));
    const tables = await readTables(d.db, scope);
    expect(tables).toHaveLength(60);
    const r = await fillTables(d.db, tables);
    expect(r.skipped, 'tables left unfilled').toEqual([]);
    expect(r.filled.length / tables.length).toBeGreaterThanOrEqual(0.95);
    expect(await d.db.query('SELECT count(DISTINCT code)::int AS n FROM ref_3')).toEqual([{ n: 3 }]);
    expect(await d.db.query('SELECT count(*)::int AS n FROM egg_7')).toEqual([{ n: 3 }]);
    expect(await d.db.query('SELECT count(*)::int AS n FROM setting_0')).toEqual([{ n: 1 }]);
  });

  it("name a table no value fits, with PostgreSQL's reason", async () => {
    const d = await database(
      'CREATE TABLE ok (n int NOT NULL CHECK (n > 100)); CREATE TABLE never (n int NOT NULL CHECK (n > 1 AND n < 1));',
    );
    const r = await fillTables(d.db, await readTables(d.db, scope));
    expect(r.filled).toEqual(['public.ok']);
    expect(r.skipped).toEqual([
      { table: 'public.never', reason: expect.stringMatching(/violates check constraint "never_n_check"/) },
    ]);
  });
});
