import type { RoundTripCase } from '../../support/roundtrip.js';

const EVT_FN = 'CREATE FUNCTION audit_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;';

// Cases that cross kinds: what real schema changes look like.
export const mixedCases: RoundTripCase[] = [
  {
    name: 'event trigger created',
    before: EVT_FN,
    after: `${EVT_FN} CREATE EVENT TRIGGER ddl_log ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION audit_ddl();`,
  },
  {
    name: 'event trigger disabled',
    before: `${EVT_FN} CREATE EVENT TRIGGER ddl_log ON ddl_command_end EXECUTE FUNCTION audit_ddl();`,
    after: `${EVT_FN} CREATE EVENT TRIGGER ddl_log ON ddl_command_end EXECUTE FUNCTION audit_ddl(); ALTER EVENT TRIGGER ddl_log DISABLE;`,
  },
  {
    name: 'event trigger event changed',
    before: `${EVT_FN} CREATE EVENT TRIGGER ddl_log ON ddl_command_end EXECUTE FUNCTION audit_ddl();`,
    after: `${EVT_FN} CREATE EVENT TRIGGER ddl_log ON ddl_command_start EXECUTE FUNCTION audit_ddl();`,
  },
  {
    name: 'schema moved: objects dropped from one schema and created in another',
    before: 'CREATE SCHEMA a; CREATE TABLE a.t (id int); CREATE VIEW a.v AS SELECT id FROM a.t;',
    after: 'CREATE SCHEMA b; CREATE TABLE b.t (id int); CREATE VIEW b.v AS SELECT id FROM b.t;',
  },
  {
    name: 'view over a function over a table created together',
    before: '',
    after:
      'CREATE TABLE t (n int); CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(n) FROM t $$; CREATE VIEW v AS SELECT total() AS s;',
  },
  {
    name: 'trigger on a table whose column type changes',
    before:
      'CREATE TABLE t (n int); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE UPDATE OF n ON t FOR EACH ROW EXECUTE FUNCTION f();',
    after:
      'CREATE TABLE t (n bigint); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE UPDATE OF n ON t FOR EACH ROW EXECUTE FUNCTION f();',
  },
  {
    name: 'policy and grant on a table getting a new column',
    before:
      'CREATE TABLE t (o text); ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (o = current_user); GRANT SELECT ON t TO sfm_reader;',
    after:
      'CREATE TABLE t (o text, n int); ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (o = current_user); GRANT SELECT ON t TO sfm_reader; GRANT SELECT (n) ON t TO sfm_writer;',
  },
  {
    name: 'foreign key to a partitioned table',
    before:
      'CREATE TABLE p (id int PRIMARY KEY) PARTITION BY HASH (id); CREATE TABLE p0 PARTITION OF p FOR VALUES WITH (MODULUS 1, REMAINDER 0);',
    after:
      'CREATE TABLE p (id int PRIMARY KEY) PARTITION BY HASH (id); CREATE TABLE p0 PARTITION OF p FOR VALUES WITH (MODULUS 1, REMAINDER 0); CREATE TABLE c (pid int REFERENCES p);',
  },
  {
    name: 'domain used by a composite used by a function',
    before: '',
    after:
      "CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0); CREATE TYPE price AS (amount cents, cur text); CREATE FUNCTION mk(bigint) RETURNS price LANGUAGE sql AS $f$ SELECT ROW($1, 'EUR')::price $f$;",
  },
  {
    name: 'enum used by a function argument gets a value',
    before: "CREATE TYPE e AS ENUM ('a'); CREATE FUNCTION f(x e) RETURNS text LANGUAGE sql AS 'SELECT x::text';",
    after: "CREATE TYPE e AS ENUM ('a', 'b'); CREATE FUNCTION f(x e) RETURNS text LANGUAGE sql AS 'SELECT x::text';",
  },
  {
    name: 'enum re-created while a function takes it',
    before: "CREATE TYPE e AS ENUM ('a', 'b'); CREATE FUNCTION f(x e) RETURNS text LANGUAGE sql AS 'SELECT x::text';",
    after: "CREATE TYPE e AS ENUM ('b', 'a'); CREATE FUNCTION f(x e) RETURNS text LANGUAGE sql AS 'SELECT x::text';",
  },
  {
    name: 'materialized view over a view over a table whose column is dropped',
    before:
      'CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a, b FROM t; CREATE MATERIALIZED VIEW mv AS SELECT a FROM v;',
    after: 'CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE MATERIALIZED VIEW mv AS SELECT a FROM v;',
  },
  {
    name: 'index on an expression using a function',
    before: 'CREATE TABLE t (s text);',
    after:
      "CREATE FUNCTION norm(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(trim($1))'; CREATE TABLE t (s text); CREATE INDEX t_norm ON t (norm(s));",
  },
  {
    name: 'generated column using a function',
    before: 'CREATE TABLE t (a int);',
    after:
      "CREATE FUNCTION dbl(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2'; CREATE TABLE t (a int, b int GENERATED ALWAYS AS (dbl(a)) STORED);",
  },
  {
    name: 'unlogged table with view and grants',
    before: '',
    after:
      'CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb); CREATE VIEW cache_keys AS SELECT k FROM cache; GRANT SELECT ON cache_keys TO sfm_reader;',
  },
  {
    name: 'identity table with comments and check',
    before: 'CREATE TABLE acct (id int);',
    after:
      "CREATE TABLE acct (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, balance numeric(14,2) NOT NULL DEFAULT 0 CHECK (balance >= 0)); COMMENT ON COLUMN acct.balance IS 'in EUR';",
  },
  {
    name: 'quoted names across kinds',
    before: '',
    after:
      'CREATE SCHEMA "Sales Dept"; CREATE TYPE "Sales Dept"."Stage" AS ENUM (\'lead\', \'won\'); CREATE TABLE "Sales Dept"."Deal" ("Id" int PRIMARY KEY, "Stage" "Sales Dept"."Stage"); CREATE VIEW "Sales Dept"."Won ""Deals""" AS SELECT "Id" FROM "Sales Dept"."Deal" WHERE "Stage" = \'won\';',
  },
  {
    name: 'policy using a subquery on another table',
    before: 'CREATE TABLE members (u text); CREATE TABLE docs (owner text);',
    after:
      'CREATE TABLE members (u text); CREATE TABLE docs (owner text); ALTER TABLE docs ENABLE ROW LEVEL SECURITY; CREATE POLICY m ON docs USING (owner IN (SELECT u FROM members));',
  },
  {
    name: 'trigger on a partitioned table',
    before:
      "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at); CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;",
    after:
      "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at); CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER tr BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION f();",
  },
  {
    name: 'view with grants re-created keeps its grants',
    before: 'CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a, b FROM t; GRANT SELECT ON v TO sfm_reader;',
    after: 'CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT b FROM t; GRANT SELECT ON v TO sfm_reader;',
  },
  {
    name: 'function re-created keeps its grants and comment',
    before:
      "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a'; REVOKE ALL ON FUNCTION f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(int) TO sfm_reader; COMMENT ON FUNCTION f(int) IS 'id';",
    after:
      "CREATE FUNCTION f(a int) RETURNS bigint LANGUAGE sql AS 'SELECT a'; REVOKE ALL ON FUNCTION f(int) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(int) TO sfm_reader; COMMENT ON FUNCTION f(int) IS 'id';",
  },
  {
    name: 'sequence used by two tables',
    before: 'CREATE SEQUENCE ids;',
    after:
      "CREATE SEQUENCE ids; CREATE TABLE a (id bigint DEFAULT nextval('ids')); CREATE TABLE b (id bigint DEFAULT nextval('ids'));",
  },
  {
    name: 'check constraint using a domain-typed column',
    before: 'CREATE DOMAIN pct AS numeric CHECK (VALUE BETWEEN 0 AND 100); CREATE TABLE t (p pct);',
    after:
      'CREATE DOMAIN pct AS numeric CHECK (VALUE BETWEEN 0 AND 100); CREATE TABLE t (p pct, CONSTRAINT p_half CHECK (p <= 50));',
  },
  {
    name: 'whole schema from nothing',
    before: '',
    after:
      "CREATE SCHEMA app; CREATE TYPE app.status AS ENUM ('on', 'off'); CREATE TABLE app.users (id int PRIMARY KEY, s app.status DEFAULT 'on'); CREATE TABLE app.posts (id int PRIMARY KEY, user_id int REFERENCES app.users ON DELETE CASCADE, body text); CREATE INDEX posts_user ON app.posts (user_id); CREATE VIEW app.active AS SELECT id FROM app.users WHERE s = 'on'; GRANT USAGE ON SCHEMA app TO sfm_reader; GRANT SELECT ON app.active TO sfm_reader;",
  },
  {
    name: 'whole schema to nothing',
    before:
      "CREATE SCHEMA app; CREATE TYPE app.status AS ENUM ('on', 'off'); CREATE TABLE app.users (id int PRIMARY KEY, s app.status DEFAULT 'on'); CREATE TABLE app.posts (id int PRIMARY KEY, user_id int REFERENCES app.users ON DELETE CASCADE); CREATE VIEW app.active AS SELECT id FROM app.users WHERE s = 'on';",
    after: '',
  },
  // Ids escape the dots in names: these objects once shared ids (table:a.b.c), so one of each pair went unplanned.
  {
    name: 'dotted names that would share an id unescaped',
    before: 'CREATE SCHEMA "a.b"; CREATE SCHEMA a; CREATE TABLE "a.b".c (id int);',
    after:
      'CREATE SCHEMA "a.b"; CREATE SCHEMA a; CREATE TABLE "a.b".c (id int, note text); CREATE TABLE a."b.c" (id int PRIMARY KEY); CREATE INDEX ON "a.b".c (id); CREATE INDEX ON a."b.c" (id); COMMENT ON TABLE a."b.c" IS \'dotted\';',
  },
  {
    name: 'comment on a column of a quoted mixed-case table',
    before: 'CREATE TABLE "Users" ("FullName" text);',
    after: 'CREATE TABLE "Users" ("FullName" text); COMMENT ON COLUMN "Users"."FullName" IS \'shown\';',
  },
];
