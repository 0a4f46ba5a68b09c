import type { RoundTripCase } from '../../support/roundtrip.js';

const OWNERS = { excludeSchemas: [], owners: true };
const S = `CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, v text);
  CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE VIEW app.v AS SELECT id FROM app.t;
  CREATE TYPE app.mood AS ENUM ('ok'); CREATE SEQUENCE app.s;`;
const ROWS = {
  insert: "INSERT INTO app.t SELECT g, 'v' FROM generate_series(1, 10) g;",
  query: 'SELECT * FROM app.t ORDER BY id',
};

export const ownerCases: RoundTripCase[] = [
  {
    name: 'owners given to a schema, table, function, view, type and sequence, and taken back',
    scope: OWNERS,
    before: S,
    after: `${S} ALTER SCHEMA app OWNER TO sfm_writer; ALTER TABLE app.t OWNER TO sfm_writer;
      ALTER FUNCTION app.f() OWNER TO sfm_writer; ALTER VIEW app.v OWNER TO sfm_reader; ALTER TYPE app.mood OWNER TO sfm_writer;
      ALTER SEQUENCE app.s OWNER TO sfm_reader;`,
    contains: [
      'ALTER TABLE "app"."t" OWNER TO "sfm_writer"',
      'ALTER FUNCTION "app"."f"() OWNER TO "sfm_writer"',
      'ALTER SCHEMA "app" OWNER TO "sfm_writer"',
    ],
    rows: ROWS,
  },
  {
    name: 'owner changed from one role to another, and back to the applying role',
    scope: OWNERS,
    before: `${S} ALTER TABLE app.t OWNER TO sfm_writer; ALTER VIEW app.v OWNER TO sfm_writer;`,
    after: `${S} ALTER TABLE app.t OWNER TO sfm_reader;`,
    contains: ['ALTER TABLE "app"."t" OWNER TO "sfm_reader"', 'ALTER VIEW "app"."v" OWNER TO CURRENT_USER'],
    rows: ROWS,
  },
  {
    name: 'a new table created with an owner, and a serial sequence following it',
    scope: OWNERS,
    before: 'CREATE SCHEMA app;',
    after: 'CREATE SCHEMA app; CREATE TABLE app.n (id serial PRIMARY KEY); ALTER TABLE app.n OWNER TO sfm_writer;',
  },
];
