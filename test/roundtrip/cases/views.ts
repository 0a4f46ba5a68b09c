import type { RoundTripCase } from '../../support/roundtrip.js';

const T = 'CREATE TABLE t (id int PRIMARY KEY, name text, qty int);';

export const viewCases: RoundTripCase[] = [
  { name: 'view created', before: T, after: `${T} CREATE VIEW v AS SELECT id, name FROM t;` },
  { name: 'view dropped', before: `${T} CREATE VIEW v AS SELECT id FROM t;`, after: T },
  {
    name: 'view body changed, same columns',
    before: `${T} CREATE VIEW v AS SELECT id FROM t;`,
    after: `${T} CREATE VIEW v AS SELECT id FROM t WHERE qty > 0;`,
    contains: ['CREATE OR REPLACE VIEW'],
  },
  {
    name: 'view gains a column at the end',
    before: `${T} CREATE VIEW v AS SELECT id FROM t;`,
    after: `${T} CREATE VIEW v AS SELECT id, name FROM t;`,
    contains: ['CREATE OR REPLACE VIEW'],
  },
  {
    name: 'view loses a column (re-created)',
    before: `${T} CREATE VIEW v AS SELECT id, name FROM t;`,
    after: `${T} CREATE VIEW v AS SELECT id FROM t;`,
  },
  {
    name: 'view column renamed (re-created with dependents)',
    before: `${T} CREATE VIEW v AS SELECT id, name FROM t; CREATE VIEW w AS SELECT * FROM v;`,
    after: `${T} CREATE VIEW v AS SELECT id, name AS label FROM t; CREATE VIEW w AS SELECT * FROM v;`,
  },
  {
    name: 'three-level view chain over a column whose type changes',
    before: `${T} CREATE VIEW v1 AS SELECT id, qty FROM t; CREATE VIEW v2 AS SELECT id, qty FROM v1; CREATE VIEW v3 AS SELECT sum(qty) AS s FROM v2;`,
    after:
      'CREATE TABLE t (id int PRIMARY KEY, name text, qty bigint); CREATE VIEW v1 AS SELECT id, qty FROM t; CREATE VIEW v2 AS SELECT id, qty FROM v1; CREATE VIEW v3 AS SELECT sum(qty) AS s FROM v2;',
    hazards: ['TABLE_REWRITE'],
  },
  {
    name: 'view over a dropped column',
    before: `${T} CREATE VIEW v AS SELECT id, qty FROM t;`,
    after: 'CREATE TABLE t (id int PRIMARY KEY, name text); CREATE VIEW v AS SELECT id FROM t;',
  },
  {
    name: 'view options (security_barrier, check option)',
    before: `${T} CREATE VIEW v AS SELECT id FROM t;`,
    after: `${T} CREATE VIEW v WITH (security_barrier = true) AS SELECT id FROM t WHERE id > 0 WITH CHECK OPTION;`,
  },
  {
    name: 'view becomes materialized',
    before: `${T} CREATE VIEW v AS SELECT id FROM t;`,
    after: `${T} CREATE MATERIALIZED VIEW v AS SELECT id FROM t;`,
  },
  {
    name: 'materialized view created with index',
    before: T,
    after: `${T} CREATE MATERIALIZED VIEW mv AS SELECT id, qty FROM t; CREATE UNIQUE INDEX mv_id ON mv (id);`,
  },
  {
    name: 'materialized view with an index whose query changes',
    before: `${T} CREATE MATERIALIZED VIEW mv AS SELECT id, qty FROM t; CREATE UNIQUE INDEX mv_id ON mv (id);`,
    after: `${T} CREATE MATERIALIZED VIEW mv AS SELECT id, qty * 2 AS qty FROM t; CREATE UNIQUE INDEX mv_id ON mv (id);`,
  },
  {
    name: 'view depending on a function',
    before: T,
    after: `${T} CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'; CREATE VIEW v AS SELECT twice(qty) AS q FROM t;`,
  },
  {
    name: 'view in another schema over a table',
    before: T,
    after: `${T} CREATE SCHEMA rpt; CREATE VIEW rpt."Totals" AS SELECT count(*) AS n FROM public.t;`,
  },
  {
    name: 'table replaced by a view of the same name',
    before: 'CREATE TABLE src (a int); CREATE TABLE thing (a int);',
    after: 'CREATE TABLE src (a int); CREATE VIEW thing AS SELECT a FROM src;',
  },
  {
    name: 'view using an enum type literal when a value is removed',
    before:
      "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE x (v e DEFAULT 'a'); CREATE VIEW xv AS SELECT v, 'b'::e AS b FROM x;",
    after:
      "CREATE TYPE e AS ENUM ('a', 'b'); CREATE TABLE x (v e DEFAULT 'a'); CREATE VIEW xv AS SELECT v, 'b'::e AS b FROM x;",
  },
  {
    name: 'enum value removed while a view and a default use it',
    before:
      "CREATE TYPE st AS ENUM ('new', 'old', 'gone'); CREATE TABLE o (s st NOT NULL DEFAULT 'new'); CREATE VIEW ov AS SELECT s FROM o WHERE s <> 'new';",
    after:
      "CREATE TYPE st AS ENUM ('new', 'old'); CREATE TABLE o (s st NOT NULL DEFAULT 'new'); CREATE VIEW ov AS SELECT s FROM o WHERE s <> 'new';",
  },
  {
    name: 'view on a view with a comment',
    before: `${T} CREATE VIEW v AS SELECT id FROM t;`,
    after: `${T} CREATE VIEW v AS SELECT id, name FROM t; COMMENT ON VIEW v IS 'ids and names';`,
  },
];
