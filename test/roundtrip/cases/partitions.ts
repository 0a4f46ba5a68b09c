import type { RoundTripCase } from '../../support/roundtrip.js';

const P = 'CREATE TABLE m (id int, at date NOT NULL, v int) PARTITION BY RANGE (at);';
const Q = 'CREATE TABLE q (id int, at date NOT NULL, v int) PARTITION BY RANGE (at);';

export const partitionCases: RoundTripCase[] = [
  {
    name: 'range partition added',
    before: P,
    after: `${P} CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
  },
  {
    name: 'partition dropped',
    before: `${P} CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: P,
  },
  {
    name: 'partition bound changed',
    before: `${P} CREATE TABLE m_a PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2026-07-01');`,
    after: `${P} CREATE TABLE m_a PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
  },
  {
    name: 'partition moved from one parent to another',
    before: `${P} ${Q} CREATE TABLE part PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: `${P} ${Q} CREATE TABLE part PARTITION OF q FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
  },
  {
    name: 'partition detached into a plain table',
    before: `${P} CREATE TABLE part PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: `${P} CREATE TABLE part (id int, at date NOT NULL, v int);`,
    // Without a DEFAULT partition beside it: online, the parent's queries go on.
    contains: ['DETACH PARTITION "public"."part" CONCURRENTLY'],
    rows: { insert: "INSERT INTO m VALUES (1, '2026-03-01', 7)", query: 'SELECT * FROM part' },
  },
  {
    name: 'partition detached beside a DEFAULT partition',
    before: `${P} CREATE TABLE part PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); CREATE TABLE m_rest PARTITION OF m DEFAULT;`,
    after: `${P} CREATE TABLE part (id int, at date NOT NULL, v int); CREATE TABLE m_rest PARTITION OF m DEFAULT;`,
  },
  {
    name: 'list and default partitions',
    before: 'CREATE TABLE l (k text, v int) PARTITION BY LIST (k);',
    after:
      "CREATE TABLE l (k text, v int) PARTITION BY LIST (k); CREATE TABLE l_ab PARTITION OF l FOR VALUES IN ('a', 'b'); CREATE TABLE l_rest PARTITION OF l DEFAULT;",
  },
  {
    name: 'hash partitions',
    before: '',
    after:
      'CREATE TABLE h (id int) PARTITION BY HASH (id); CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0); CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);',
  },
  {
    name: 'partitioned index and primary key',
    before: `${P} CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: `${P} CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); CREATE INDEX m_v ON m (v); ALTER TABLE m ADD PRIMARY KEY (id, at);`,
  },
  {
    name: 'column added to a partitioned table',
    before: `${P} CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after:
      "CREATE TABLE m (id int, at date NOT NULL, v int, note text) PARTITION BY RANGE (at); CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
  },
  {
    name: 'sub-partitioning',
    before: P,
    after: `${P} CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (v); CREATE TABLE m_2026_1 PARTITION OF m_2026 FOR VALUES IN (1);`,
  },
  {
    name: 'partition key changed (re-created)',
    before: P,
    after: 'CREATE TABLE m (id int, at date NOT NULL, v int) PARTITION BY LIST (v);',
    hazards: ['DELETES_DATA'],
  },
  {
    name: 'inheritance child added',
    before: 'CREATE TABLE base (id int, at timestamptz DEFAULT now());',
    after: 'CREATE TABLE base (id int, at timestamptz DEFAULT now()); CREATE TABLE child (extra text) INHERITS (base);',
  },
  {
    name: 'column added to an inheritance parent',
    before: 'CREATE TABLE base (id int); CREATE TABLE child () INHERITS (base);',
    after: 'CREATE TABLE base (id int, name text); CREATE TABLE child () INHERITS (base);',
  },
  {
    name: 'table options and replica identity',
    before: 'CREATE TABLE t (id int NOT NULL);',
    after:
      'CREATE TABLE t (id int NOT NULL) WITH (fillfactor = 70, autovacuum_enabled = false); ALTER TABLE t REPLICA IDENTITY FULL;',
  },
  {
    name: 'replica identity using an index',
    before: 'CREATE TABLE t (id int NOT NULL); CREATE UNIQUE INDEX t_id ON t (id);',
    after:
      'CREATE TABLE t (id int NOT NULL); CREATE UNIQUE INDEX t_id ON t (id); ALTER TABLE t REPLICA IDENTITY USING INDEX t_id;',
  },
  {
    name: 'table and column comments',
    before: 'CREATE TABLE t (id int, name text);',
    after:
      "CREATE TABLE t (id int, name text); COMMENT ON TABLE t IS 'things'; COMMENT ON COLUMN t.name IS 'what it''s called';",
  },
  {
    name: 'comment changed and removed',
    before: "CREATE TABLE t (id int); COMMENT ON TABLE t IS 'a'; COMMENT ON COLUMN t.id IS 'b';",
    after: "CREATE TABLE t (id int); COMMENT ON TABLE t IS 'c';",
  },
  {
    name: 'comments on schema, index, constraint, sequence',
    before:
      'CREATE SCHEMA s; CREATE TABLE s.t (id int CONSTRAINT pos CHECK (id > 0)); CREATE INDEX t_id ON s.t (id); CREATE SEQUENCE s.q;',
    after:
      "CREATE SCHEMA s; CREATE TABLE s.t (id int CONSTRAINT pos CHECK (id > 0)); CREATE INDEX t_id ON s.t (id); CREATE SEQUENCE s.q; COMMENT ON SCHEMA s IS 'x'; COMMENT ON INDEX s.t_id IS 'y'; COMMENT ON CONSTRAINT pos ON s.t IS 'z'; COMMENT ON SEQUENCE s.q IS 'w';",
  },
  {
    name: 'comment on a column that is re-created',
    before: "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a) STORED); COMMENT ON COLUMN t.b IS 'copy';",
    after: "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED); COMMENT ON COLUMN t.b IS 'copy';",
  },
];

partitionCases.push(
  {
    name: 'column storage changed',
    before: 'CREATE TABLE t (doc text, blob bytea);',
    after:
      'CREATE TABLE t (doc text, blob bytea); ALTER TABLE t ALTER COLUMN doc SET STORAGE EXTERNAL; ALTER TABLE t ALTER COLUMN blob SET STORAGE MAIN;',
  },
  {
    name: 'table created with column storage',
    before: '',
    after: 'CREATE TABLE t (doc text); ALTER TABLE t ALTER COLUMN doc SET STORAGE PLAIN;',
  },
  {
    name: 'column statistics targets set, changed and reset in place',
    before: `CREATE TABLE t (id int PRIMARY KEY, a int, b int, c text);
      ALTER TABLE t ALTER COLUMN b SET STATISTICS 50, ALTER COLUMN c SET STATISTICS 300;`,
    after: `CREATE TABLE t (id int PRIMARY KEY, a int, b int, c text);
      ALTER TABLE t ALTER COLUMN a SET STATISTICS 1000, ALTER COLUMN b SET STATISTICS 200;`,
    contains: [
      'ALTER COLUMN "a" SET STATISTICS 1000',
      'ALTER COLUMN "b" SET STATISTICS 200',
      'ALTER COLUMN "c" SET STATISTICS -1',
    ],
    noHazards: ['TABLE_REWRITE', 'DELETES_DATA'],
    rows: {
      insert: "INSERT INTO t SELECT g, g, g % 5, 'c' || g FROM generate_series(1, 20) g;",
      query: 'SELECT * FROM t ORDER BY id',
    },
  },
  {
    name: 'column compression set and reset, no rewrite',
    before:
      'CREATE TABLE t (id int PRIMARY KEY, doc text, blob bytea); ALTER TABLE t ALTER COLUMN blob SET COMPRESSION pglz;',
    after:
      'CREATE TABLE t (id int PRIMARY KEY, doc text, blob bytea); ALTER TABLE t ALTER COLUMN doc SET COMPRESSION pglz;',
    contains: ['ALTER COLUMN "doc" SET COMPRESSION pglz', 'ALTER COLUMN "blob" SET COMPRESSION DEFAULT'],
    noHazards: ['TABLE_REWRITE'],
    rows: {
      insert: "INSERT INTO t SELECT g, repeat('d', 3000 + g), 'x'::bytea FROM generate_series(1, 10) g;",
      query: 'SELECT * FROM t ORDER BY id',
    },
  },
  {
    name: 'table and column created with statistics targets and compression',
    before: '',
    after: `CREATE TABLE t (id int, doc text COMPRESSION pglz, n int);
      ALTER TABLE t ALTER COLUMN n SET STATISTICS 10;
      CREATE TABLE u (id int); ALTER TABLE u ADD COLUMN note text COMPRESSION pglz;`,
  },
  {
    name: 'column type changed under a statistics target and compression',
    before: `CREATE TABLE t (id int, n int, s varchar(10)); ALTER TABLE t ALTER COLUMN n SET STATISTICS 700;
      ALTER TABLE t ALTER COLUMN s SET COMPRESSION pglz;`,
    after: `CREATE TABLE t (id int, n bigint, s text); ALTER TABLE t ALTER COLUMN n SET STATISTICS 700;
      ALTER TABLE t ALTER COLUMN s SET COMPRESSION pglz;`,
  },
  {
    name: 'index expression statistics target set in place, then reset',
    before: `CREATE TABLE t (id int PRIMARY KEY, s text, n int); CREATE INDEX t_lower ON t (lower(s), (n + 1));
      ALTER INDEX t_lower ALTER COLUMN 2 SET STATISTICS 100;`,
    after: `CREATE TABLE t (id int PRIMARY KEY, s text, n int); CREATE INDEX t_lower ON t (lower(s), (n + 1));
      ALTER INDEX t_lower ALTER COLUMN 1 SET STATISTICS 3000;`,
    contains: [
      'ALTER INDEX "public"."t_lower" ALTER COLUMN 1 SET STATISTICS 3000',
      'ALTER INDEX "public"."t_lower" ALTER COLUMN 2 SET STATISTICS -1',
    ],
    noHazards: ['INDEX_BUILD'],
    rows: {
      insert: "INSERT INTO t SELECT g, 'S' || g, g FROM generate_series(1, 20) g;",
      query: 'SELECT * FROM t ORDER BY id',
    },
  },
  {
    name: 'index with a statistics target built on a table in use, and with a new table',
    before: 'CREATE TABLE t (id int PRIMARY KEY, s text);',
    after: `CREATE TABLE t (id int PRIMARY KEY, s text); CREATE INDEX t_lower ON t (lower(s));
      ALTER INDEX t_lower ALTER COLUMN 1 SET STATISTICS 500;
      CREATE TABLE u (s text); CREATE INDEX u_upper ON u (upper(s)); ALTER INDEX u_upper ALTER COLUMN 1 SET STATISTICS 42;`,
    contains: ['CREATE INDEX CONCURRENTLY', 'ALTER INDEX "public"."t_lower" ALTER COLUMN 1 SET STATISTICS 500'],
  },
  {
    name: 'column added with a statistics target',
    before: 'CREATE TABLE t (id int);',
    after: 'CREATE TABLE t (id int, n int); ALTER TABLE t ALTER COLUMN n SET STATISTICS 5000;',
    contains: ['ALTER COLUMN "n" SET STATISTICS 5000'],
  },
);
