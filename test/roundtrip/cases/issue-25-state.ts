// Issue 25's desired state: the objects a first try planned without a word (extended statistics, a publication, an
// aggregate, a rewrite rule, a text search configuration, an owner), default privileges beside a foreign table, and
// one object of every kind added since, from nothing and back, with owners managed.
import type { RoundTripCase } from '../../support/roundtrip.js';

const STATE = `
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, note text);
CREATE TABLE orders_log (id int, customer text);
ALTER TABLE orders ALTER COLUMN customer SET STATISTICS 500, ALTER COLUMN note SET COMPRESSION pglz;
ALTER TABLE orders OWNER TO sfm_writer;
CREATE STATISTICS orders_stats (dependencies) ON customer, total FROM orders;
CREATE PUBLICATION orders_feed FOR TABLE orders WITH (publish = 'insert, update');
CREATE FUNCTION concat_sep(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN acc IS NULL THEN v ELSE acc || ', ' || v END $$;
CREATE AGGREGATE group_concat(text) (SFUNC = concat_sep, STYPE = text);
CREATE VIEW customers AS SELECT group_concat(customer) AS names FROM orders;
CREATE RULE orders_audit AS ON INSERT TO orders DO ALSO INSERT INTO orders_log VALUES (NEW.id, NEW.customer);
CREATE TEXT SEARCH DICTIONARY plain_dict (TEMPLATE = pg_catalog.simple);
CREATE TEXT SEARCH CONFIGURATION plain (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION plain ADD MAPPING FOR asciiword, word WITH plain_dict;
CREATE INDEX orders_fts ON orders USING gin (to_tsvector('public.plain'::regconfig, note));
CREATE FUNCTION ci_eq(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
CREATE OPERATOR === (FUNCTION = ci_eq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = ===);
CREATE FUNCTION ci_hash(text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(lower($1))';
CREATE OPERATOR CLASS ci_hash_ops FOR TYPE text USING hash AS OPERATOR 1 ===, FUNCTION 1 ci_hash(text);
CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE CAST (text AS mood) WITH INOUT AS ASSIGNMENT;
ALTER DEFAULT PRIVILEGES FOR ROLE sfm_writer GRANT SELECT ON TABLES TO sfm_reader;
CREATE FOREIGN DATA WRAPPER remote; CREATE SERVER warehouse FOREIGN DATA WRAPPER remote OPTIONS (host 'db.internal');
CREATE USER MAPPING FOR sfm_reader SERVER warehouse OPTIONS (user 'reader');
CREATE FOREIGN TABLE sales (id bigint, amount numeric) SERVER warehouse OPTIONS (table_name 'sales');
GRANT SELECT ON sales TO sfm_reader;`;

export const issue25Cases: RoundTripCase[] = [
  {
    name: 'the whole issue-25 state from nothing, with owners managed',
    scope: { excludeSchemas: [], owners: true },
    before: '',
    after: STATE,
    contains: [
      'CREATE STATISTICS',
      'CREATE PUBLICATION',
      'CREATE AGGREGATE',
      'CREATE RULE',
      'CREATE TEXT SEARCH CONFIGURATION',
      'OWNER TO "sfm_writer"',
      'ALTER DEFAULT PRIVILEGES',
      'CREATE FOREIGN TABLE',
      'CREATE OPERATOR CLASS',
      'CREATE CAST',
      'CREATE USER MAPPING',
    ],
  },
  {
    name: 'the whole issue-25 state dropped, with owners managed',
    scope: { excludeSchemas: [], owners: true },
    before: STATE,
    after: '',
    drops: 'delete',
  },
];
