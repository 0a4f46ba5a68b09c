// inspect writes every kind a database holds, in SQL and in YAML, so that planning the written files against the
// same database gives no change: one object of each kind that issue 25 added (on the embedded dev database).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRole, useDatabases } from '../support/db.js';
import { runCli } from '../support/cli.js';

const database = useDatabases();

const EVERY_KIND = `
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, note text);
ALTER TABLE orders ALTER COLUMN customer SET STATISTICS 500, ALTER COLUMN note SET COMPRESSION pglz;
CREATE INDEX orders_lower ON orders (lower(customer)); ALTER INDEX orders_lower ALTER COLUMN 1 SET STATISTICS 300;
CREATE STATISTICS orders_stats (dependencies) ON customer, total FROM orders;
CREATE FUNCTION concat_sep(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN acc IS NULL THEN v ELSE acc || ', ' || v END $$;
CREATE AGGREGATE group_concat(text) (SFUNC = concat_sep, STYPE = text);
CREATE VIEW customers AS SELECT group_concat(customer) AS names FROM orders;
CREATE TABLE orders_log (id int, customer text);
CREATE RULE orders_audit AS ON INSERT TO orders DO ALSO INSERT INTO orders_log VALUES (NEW.id, NEW.customer);
CREATE TEXT SEARCH DICTIONARY plain_dict (TEMPLATE = pg_catalog.simple, stopwords = english);
CREATE TEXT SEARCH CONFIGURATION plain (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION plain ADD MAPPING FOR asciiword, word WITH plain_dict;
CREATE FUNCTION ci_eq(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
CREATE OPERATOR === (FUNCTION = ci_eq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = ===);
CREATE FUNCTION ci_hash(text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(lower($1))';
CREATE OPERATOR CLASS ci_hash_ops FOR TYPE text USING hash AS OPERATOR 1 ===, FUNCTION 1 ci_hash(text);
CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE CAST (text AS mood) WITH INOUT AS ASSIGNMENT;
CREATE PUBLICATION orders_feed FOR TABLE orders WITH (publish = 'insert, update');
ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer GRANT SELECT ON TABLES TO sfm_reader;
CREATE FOREIGN DATA WRAPPER remote; CREATE SERVER warehouse FOREIGN DATA WRAPPER remote OPTIONS (host 'db.internal');
CREATE FOREIGN TABLE sales (id bigint, amount numeric) SERVER warehouse OPTIONS (table_name 'sales');`;

describe('inspect of every kind', () => {
  for (const format of ['sql', 'yaml'] as const) {
    it(`writes ${format} that plans to nothing against the same database`, async () => {
      for (const role of ['sfm_writer', 'sfm_reader']) await ensureRole(role);
      const target = await database(EVERY_KIND);
      const dir = mkdtempSync(join(tmpdir(), 'sfm-inspect-kinds-'));
      const r = await runCli(['inspect', '--url', target.url, '--format', format, '--out', join(dir, 'schema')], {
        cwd: dir,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('does not manage');
      const written = readFileSync(join(dir, 'schema', `schema.${format}`), 'utf8');
      for (const words of [
        'CREATE STATISTICS',
        'CREATE AGGREGATE',
        'CREATE RULE',
        'CREATE TEXT SEARCH CONFIGURATION',
        'CREATE OPERATOR',
        'CREATE OPERATOR CLASS',
        'CREATE CAST',
        'CREATE PUBLICATION',
        'ALTER DEFAULT PRIVILEGES',
        'CREATE FOREIGN TABLE',
        'SET STATISTICS 500',
        'SET COMPRESSION pglz',
      ])
        expect(written).toContain(words);
      const p = await runCli(['plan', '--url', target.url, '--exit-code', '--dry-run'], { cwd: dir });
      expect(p.stdout + p.stderr).toContain('No changes');
      expect(p.code, p.stdout + p.stderr).toBe(0);
    });
  }
});
