import type { RoundTripCase } from '../../support/roundtrip.js';

const VALIDATOR = `CREATE FUNCTION accept_options(text[], oid) RETURNS void LANGUAGE plpgsql AS 'BEGIN END';`;
const W = `CREATE FOREIGN DATA WRAPPER remote OPTIONS (debug 'off');`;
const S = `${W} CREATE SERVER warehouse TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER remote OPTIONS (host 'db.internal', port '5432');`;
const T = 'CREATE TABLE local_t (id int PRIMARY KEY);';
const ROWS = {
  insert: 'INSERT INTO local_t SELECT generate_series(1, 10);',
  query: 'SELECT * FROM local_t ORDER BY id',
};
const FT = `CREATE FOREIGN TABLE sales (id bigint OPTIONS (column_name 'sale_id') NOT NULL, amount numeric DEFAULT 0,
  region text COLLATE "C", CONSTRAINT positive CHECK (amount >= 0)) SERVER warehouse OPTIONS (table_name 'sales_2026');`;

export const foreignDataCases: RoundTripCase[] = [
  {
    name: 'wrapper, server and foreign table created, with a view, a grant and a comment on the table',
    before: T,
    after: `${T} ${VALIDATOR} CREATE FOREIGN DATA WRAPPER remote VALIDATOR accept_options OPTIONS (debug 'off');
      CREATE SERVER warehouse TYPE 'pg' VERSION '15' FOREIGN DATA WRAPPER remote OPTIONS (host 'db.internal', port '5432');
      ${FT} CREATE VIEW big_sales AS SELECT id FROM sales WHERE amount > 100;
      GRANT SELECT ON sales TO sfm_reader; COMMENT ON FOREIGN TABLE sales IS 'from the warehouse';`,
    order: ['CREATE FOREIGN DATA WRAPPER', 'CREATE SERVER', 'CREATE FOREIGN TABLE', 'CREATE VIEW'],
    rows: ROWS,
  },
  {
    name: 'options of the wrapper, server and foreign table changed in place, version too',
    before: `${T} ${S} ${FT}`,
    after: `${T} CREATE FOREIGN DATA WRAPPER remote OPTIONS (debug 'on', trace 'yes');
      CREATE SERVER warehouse TYPE 'pg' VERSION '16' FOREIGN DATA WRAPPER remote OPTIONS (host 'db2.internal');
      CREATE FOREIGN TABLE sales (id bigint OPTIONS (column_name 'sale_id') NOT NULL, amount numeric DEFAULT 0,
        region text COLLATE "C", CONSTRAINT positive CHECK (amount >= 0)) SERVER warehouse OPTIONS (table_name 'sales_2027');`,
    contains: [
      `ALTER FOREIGN DATA WRAPPER "remote" OPTIONS (SET "debug" 'on', ADD "trace" 'yes')`,
      `ALTER SERVER "warehouse" VERSION '16' OPTIONS (SET "host" 'db2.internal', DROP "port")`,
      `ALTER FOREIGN TABLE "public"."sales" OPTIONS (SET "table_name" 'sales_2027')`,
    ],
    noHazards: ['DELETES_DATA'],
    rows: ROWS,
  },
  {
    name: 'foreign table columns changed: re-created with the view over it',
    before: `${T} ${S} ${FT} CREATE VIEW big_sales AS SELECT id FROM sales WHERE amount > 100;`,
    after: `${T} ${S} CREATE FOREIGN TABLE sales (id bigint NOT NULL, amount numeric(12,2), note text) SERVER warehouse;
      CREATE VIEW big_sales AS SELECT id FROM sales WHERE amount > 100;`,
    contains: ['DROP FOREIGN TABLE "public"."sales"', 'DROP VIEW'],
    rows: ROWS,
  },
  {
    name: 'foreign table as a partition of a local partitioned table',
    before: `${S} CREATE TABLE events (at date NOT NULL, what text) PARTITION BY RANGE (at);
      CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: `${S} CREATE TABLE events (at date NOT NULL, what text) PARTITION BY RANGE (at);
      CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
      CREATE FOREIGN TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') SERVER warehouse;`,
  },
  {
    name: 'user mappings created, their options changed in place, a password never carried',
    before: `${T} ${S} CREATE USER MAPPING FOR sfm_reader SERVER warehouse OPTIONS (user 'r1');`,
    after: `${T} ${S} CREATE USER MAPPING FOR sfm_reader SERVER warehouse OPTIONS (user 'r2', password 'not-in-any-plan');
      CREATE USER MAPPING FOR PUBLIC SERVER warehouse;`,
    contains: [
      `ALTER USER MAPPING FOR "sfm_reader" SERVER "warehouse" OPTIONS (SET "user" 'r2')`,
      'CREATE USER MAPPING FOR PUBLIC SERVER "warehouse"',
    ],
    rows: ROWS,
  },
  {
    name: 'everything foreign dropped',
    before: `${T} ${S} ${FT} CREATE USER MAPPING FOR PUBLIC SERVER warehouse OPTIONS (user 'r');`,
    after: T,
    rows: ROWS,
  },
];
