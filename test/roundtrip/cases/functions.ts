import type { RoundTripCase } from '../../support/roundtrip.js';

const F = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + 1';";

export const functionCases: RoundTripCase[] = [
  { name: 'function created', before: '', after: F },
  { name: 'function dropped', before: F, after: '' },
  {
    name: 'function body changed',
    before: F,
    after: "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + 2';",
    contains: ['CREATE OR REPLACE FUNCTION'],
  },
  {
    name: 'function volatility and security changed',
    before: F,
    after: "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql STABLE SECURITY DEFINER AS 'SELECT a + 1';",
  },
  {
    name: 'function settings (search_path)',
    before: F,
    after:
      "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS 'SELECT a + 1';",
  },
  {
    name: 'function return type changed',
    before: F,
    after: "CREATE FUNCTION f(a int) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT a + 1';",
  },
  {
    name: 'function argument name changed',
    before: F,
    after: "CREATE FUNCTION f(b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT b + 1';",
  },
  {
    name: 'function overloads',
    before: F,
    after: `${F} CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT a';`,
  },
  {
    name: 'plpgsql function with default argument',
    before: '',
    after: 'CREATE FUNCTION g(x int, y int DEFAULT 3) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x * y; END $$;',
  },
  {
    name: 'procedure created and changed',
    before: 'CREATE TABLE log (m text); CREATE PROCEDURE p(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (m) $$;',
    after:
      'CREATE TABLE log (m text); CREATE PROCEDURE p(m text) LANGUAGE sql AS $$ INSERT INTO log VALUES (upper(m)) $$;',
  },
  {
    name: 'function returning a table rowtype',
    before: 'CREATE TABLE t (id int);',
    after:
      'CREATE TABLE t (id int); CREATE FUNCTION all_t() RETURNS SETOF t LANGUAGE sql STABLE AS $$ SELECT * FROM t $$;',
  },
  {
    name: 'function used by a check constraint',
    before: 'CREATE TABLE t (n int);',
    after:
      "CREATE FUNCTION positive(int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0'; CREATE TABLE t (n int CHECK (positive(n)));",
  },
  {
    name: 'function used by a column default',
    before: 'CREATE TABLE t (n int);',
    after:
      "CREATE FUNCTION seven() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 7'; CREATE TABLE t (n int DEFAULT seven());",
  },
  {
    name: 'sql function body reading a table created in the same plan',
    before: '',
    after:
      'CREATE TABLE items (n int); CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(n) FROM items $$;',
  },
  {
    name: 'function with quoted name in a schema',
    before: 'CREATE SCHEMA "my app";',
    after: 'CREATE SCHEMA "my app"; CREATE FUNCTION "my app"."Do ""It"""() RETURNS void LANGUAGE sql AS $$ SELECT $$;',
  },
  { name: 'function comment', before: F, after: `${F} COMMENT ON FUNCTION f(int) IS 'adds one';` },
  // SQL bodies are checked when created, and pg_depend does not see the calls in them: the run must not check them
  // (check_function_bodies = off, as pg_dump does) whatever order the plan picks.
  {
    name: 'sql function calling a function created in the same plan',
    before: '',
    after:
      'CREATE FUNCTION z_callee() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE FUNCTION a_caller() RETURNS int LANGUAGE sql AS $$ SELECT z_callee() + 1 $$;',
  },
  {
    name: 'sql function using a sequence created in the same plan',
    before: 'CREATE TABLE t (id int);',
    after:
      "CREATE TABLE t (id int); CREATE SEQUENCE z_ids; CREATE FUNCTION a_next() RETURNS bigint LANGUAGE sql AS $$ SELECT nextval('z_ids') $$;",
  },
];
