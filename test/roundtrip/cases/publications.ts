import type { RoundTripCase } from '../../support/roundtrip.js';

const T = `CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, secret text);
  CREATE TABLE events (id bigint PRIMARY KEY, kind text);`;
const ROWS = {
  insert: "INSERT INTO orders SELECT g, 'c' || g, g * 1.5, 's' FROM generate_series(1, 20) g;",
  query: 'SELECT * FROM orders ORDER BY id',
};

export const publicationCases: RoundTripCase[] = [
  {
    name: 'publication of listed tables created, then options and members changed in place',
    before: `${T} CREATE PUBLICATION feed FOR TABLE orders;`,
    after: `${T} CREATE PUBLICATION feed FOR TABLE orders, events WITH (publish = 'insert, update', publish_via_partition_root = true);
      COMMENT ON PUBLICATION feed IS 'to the warehouse';`,
    contains: [
      'ALTER PUBLICATION "feed" SET TABLE "public"."events", "public"."orders"',
      `ALTER PUBLICATION "feed" SET (publish = 'insert, update', publish_via_partition_root = true`,
    ],
    rows: ROWS,
  },
  {
    name: 'publication for all tables, and one made from all tables to listed ones (re-created)',
    before: `${T} CREATE PUBLICATION everything FOR ALL TABLES; CREATE PUBLICATION feed FOR ALL TABLES;`,
    after: `${T} CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert');
      CREATE PUBLICATION feed FOR TABLE events;`,
    contains: ['DROP PUBLICATION "feed"', 'CREATE PUBLICATION "feed" FOR TABLE "public"."events"'],
    rows: ROWS,
  },
  {
    name: 'publication with a column list and a row filter, and a column it lists dropped',
    minServer: 15,
    before: `${T} CREATE PUBLICATION feed FOR TABLE orders (id, customer, total, secret) WHERE (total > 10) WITH (publish = 'insert');`,
    after: `CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric);
      CREATE TABLE events (id bigint PRIMARY KEY, kind text);
      CREATE PUBLICATION feed FOR TABLE orders (id, total) WHERE (total > 20), events WITH (publish = 'insert');`,
    rows: { insert: ROWS.insert, query: 'SELECT id, customer, total FROM orders ORDER BY id' },
  },
  {
    name: 'publication of a schema, with a table created in it, and dropped',
    minServer: 15,
    before: `${T} CREATE SCHEMA sales; CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA sales;`,
    after: `${T} CREATE SCHEMA sales; CREATE TABLE sales.deals (id int PRIMARY KEY);
      CREATE PUBLICATION by_schema FOR TABLES IN SCHEMA sales, TABLE orders;`,
    rows: ROWS,
  },
  {
    name: 'publishing updates of a table without a replica identity says that its updates will fail',
    before: 'CREATE TABLE logs (msg text); CREATE TABLE audit (msg text);',
    after: `CREATE TABLE logs (msg text); CREATE TABLE audit (msg text); ALTER TABLE audit REPLICA IDENTITY FULL;
      CREATE PUBLICATION feed FOR TABLE logs, audit;`,
    hazards: ['CORRECTNESS'],
  },
  {
    name: 'publishing inserts only, or a table with a key or a full identity, is no hazard',
    before: 'CREATE TABLE logs (msg text); CREATE TABLE audit (msg text); CREATE TABLE k (id int PRIMARY KEY);',
    after: `CREATE TABLE logs (msg text); CREATE TABLE audit (msg text) ; ALTER TABLE audit REPLICA IDENTITY FULL;
      CREATE TABLE k (id int PRIMARY KEY); CREATE PUBLICATION ins FOR TABLE logs WITH (publish = 'insert');
      CREATE PUBLICATION feed FOR TABLE audit, k;`,
    noHazards: ['CORRECTNESS'],
  },
  {
    name: 'a row filter outside the replica identity says updates will fail',
    minServer: 15,
    before: T,
    after: `${T} CREATE PUBLICATION by_total FOR TABLE orders WHERE (total > 10);`,
    hazards: ['CORRECTNESS'],
  },
  {
    name: 'a column list leaving out part of the replica identity says updates will fail',
    minServer: 15,
    before: T,
    after: `${T} CREATE PUBLICATION some_columns FOR TABLE events (kind);`,
    hazards: ['CORRECTNESS'],
  },
  {
    name: 'a row filter on the key, or on any column of a full identity, and a list with the key, are no hazard',
    minServer: 15,
    before: `${T} ALTER TABLE events REPLICA IDENTITY FULL;`,
    after: `${T} ALTER TABLE events REPLICA IDENTITY FULL;
      CREATE PUBLICATION by_id FOR TABLE orders (id, total) WHERE (id > 10);
      CREATE PUBLICATION any_kind FOR TABLE events WHERE (kind <> 'noise');`,
    noHazards: ['CORRECTNESS'],
  },
  {
    name: 'publication dropped with the table it lists',
    before: `${T} CREATE PUBLICATION feed FOR TABLE events;`,
    after: 'CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric, secret text);',
    drops: 'delete',
    rows: ROWS,
  },
];
