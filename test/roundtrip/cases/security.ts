import type { RoundTripCase } from '../../support/roundtrip.js';

// Roles sfm_reader and sfm_writer are created once per server by the test file.
const T = 'CREATE TABLE t (id int, owner text, secret text);';

export const securityCases: RoundTripCase[] = [
  { name: 'table grant added', before: T, after: `${T} GRANT SELECT, INSERT ON t TO sfm_reader;` },
  { name: 'grant to a role that is then revoked', before: `${T} GRANT SELECT, UPDATE ON t TO sfm_reader;`, after: T },
  {
    name: 'grant changed to fewer privileges',
    before: `${T} GRANT SELECT, INSERT, DELETE ON t TO sfm_writer;`,
    after: `${T} GRANT SELECT ON t TO sfm_writer;`,
  },
  {
    name: 'grant with grant option',
    before: `${T} GRANT SELECT ON t TO sfm_reader;`,
    after: `${T} GRANT SELECT ON t TO sfm_reader WITH GRANT OPTION;`,
  },
  {
    name: 'grant option revoked',
    before: `${T} GRANT SELECT ON t TO sfm_reader WITH GRANT OPTION;`,
    after: `${T} GRANT SELECT ON t TO sfm_reader;`,
  },
  { name: 'column grant', before: T, after: `${T} GRANT SELECT (id, owner) ON t TO sfm_reader;` },
  {
    name: 'sequence grant',
    before: 'CREATE SEQUENCE s;',
    after: 'CREATE SEQUENCE s; GRANT USAGE, SELECT ON SEQUENCE s TO sfm_writer;',
  },
  {
    name: 'schema grant',
    before: 'CREATE SCHEMA app;',
    after: 'CREATE SCHEMA app; GRANT USAGE ON SCHEMA app TO sfm_reader;',
  },
  {
    name: 'function execute revoked from public',
    before: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
    after:
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION f() TO sfm_reader;",
  },
  {
    name: 'type usage grant',
    before: "CREATE TYPE e AS ENUM ('a');",
    after: "CREATE TYPE e AS ENUM ('a'); REVOKE USAGE ON TYPE e FROM PUBLIC; GRANT USAGE ON TYPE e TO sfm_writer;",
  },
  {
    name: 'view grant',
    before: `${T} CREATE VIEW v AS SELECT id FROM t;`,
    after: `${T} CREATE VIEW v AS SELECT id FROM t; GRANT SELECT ON v TO sfm_reader;`,
  },
  {
    name: 'row level security enabled and forced',
    before: T,
    after: `${T} ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;`,
  },
  {
    name: 'policy created',
    before: `${T} ALTER TABLE t ENABLE ROW LEVEL SECURITY;`,
    after: `${T} ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY own ON t FOR SELECT TO sfm_reader USING (owner = current_user);`,
  },
  {
    name: 'policy expression and roles changed',
    before: `${T} CREATE POLICY own ON t USING (owner = current_user);`,
    after: `${T} CREATE POLICY own ON t TO sfm_reader, sfm_writer USING (owner = session_user) WITH CHECK (owner IS NOT NULL);`,
    contains: ['ALTER POLICY'],
  },
  {
    name: 'policy becomes restrictive',
    before: `${T} CREATE POLICY p ON t USING (true);`,
    after: `${T} CREATE POLICY p ON t AS RESTRICTIVE USING (true);`,
  },
  {
    name: 'policy command changed',
    before: `${T} CREATE POLICY p ON t FOR SELECT USING (true);`,
    after: `${T} CREATE POLICY p ON t FOR UPDATE USING (true) WITH CHECK (true);`,
  },
  {
    name: 'policy referencing a function',
    before: T,
    after: `${T} CREATE FUNCTION is_owner(text) RETURNS bool LANGUAGE sql STABLE AS 'SELECT $1 = current_user'; CREATE POLICY own ON t USING (is_owner(owner));`,
  },
  {
    name: 'policy dropped with its function',
    before: `${T} CREATE FUNCTION is_owner(text) RETURNS bool LANGUAGE sql STABLE AS 'SELECT $1 = current_user'; CREATE POLICY own ON t USING (is_owner(owner));`,
    after: T,
  },
];
