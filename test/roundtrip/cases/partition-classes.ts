// The partition cases a public sample of schema pairs left failing, each written here from PostgreSQL's behaviour:
// keys and indexes of partitions that meet the parent's, local constraints on partitions, partitions attached or
// not, and a parent re-created with its partitions.
import type { RoundTripCase } from '../../support/roundtrip.js';

const P = `CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text) PARTITION BY RANGE (at);
  CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
  CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`;
const ROWS = {
  insert: "INSERT INTO m SELECT g, DATE '2025-06-01' + g * 3, 'v' || g FROM generate_series(1, 60) g;",
  query: 'SELECT * FROM m ORDER BY id',
};

export const partitionClassCases: RoundTripCase[] = [
  {
    name: 'primary key added to a partition whose unique index on the key already exists',
    before: `${P} CREATE UNIQUE INDEX m_2025_key ON m_2025 (id, at);`,
    after: `${P} CREATE UNIQUE INDEX m_2025_key ON m_2025 (id, at); ALTER TABLE m_2025 ADD PRIMARY KEY (id, at);`,
    rows: ROWS,
  },
  {
    name: 'primary key added to the parent while a partition has a matching unique index',
    before: `${P} CREATE UNIQUE INDEX m_2025_key ON m_2025 (id, at);`,
    after: `${P} CREATE UNIQUE INDEX m_2025_key ON m_2025 (id, at); ALTER TABLE m ADD PRIMARY KEY (id, at);`,
    rows: ROWS,
  },
  {
    name: 'partition with a local primary key beside a partitioned index',
    before: `${P} CREATE INDEX m_at ON m (at);`,
    after: `${P} CREATE INDEX m_at ON m (at); ALTER TABLE m_2026 ADD PRIMARY KEY (id);`,
    rows: ROWS,
  },
  {
    name: "partitioned index's method changed",
    before: `${P} CREATE INDEX m_v ON m (v);`,
    after: `${P} CREATE INDEX m_v ON m USING hash (v);`,
    rows: ROWS,
  },
  {
    name: 'partition with a local unique constraint',
    before: P,
    after: `${P} ALTER TABLE m_2025 ADD CONSTRAINT m_2025_v_key UNIQUE (v);`,
    rows: ROWS,
  },
  {
    name: 'a plain table becomes a partition, and a partition a plain table',
    before: `${P} CREATE TABLE m_2027 (id int NOT NULL, at date NOT NULL, v text);`,
    after: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text) PARTITION BY RANGE (at);
      CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      CREATE TABLE m_2026 (id int NOT NULL, at date NOT NULL, v text);
      CREATE TABLE m_2027 PARTITION OF m FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');`,
    rows: ROWS,
  },
  {
    name: 'partitioned table re-created (new key) with its partitions and their indexes',
    before: `${P} CREATE INDEX m_v ON m (v); ALTER TABLE m ADD PRIMARY KEY (id, at);`,
    after: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text) PARTITION BY LIST (v);
      CREATE TABLE m_a PARTITION OF m FOR VALUES IN ('a'); CREATE TABLE m_rest PARTITION OF m DEFAULT;
      CREATE INDEX m_v ON m (v); ALTER TABLE m ADD PRIMARY KEY (id, v);`,
    drops: 'delete',
  },
  {
    name: 'partitioned table re-created while a foreign key points at it',
    before: `${P} ALTER TABLE m ADD PRIMARY KEY (id, at); CREATE TABLE ref (id int, at date, FOREIGN KEY (id, at) REFERENCES m);`,
    after: `CREATE TABLE m (id int NOT NULL, at date NOT NULL, v text) PARTITION BY LIST (at);
      CREATE TABLE m_rest PARTITION OF m DEFAULT; ALTER TABLE m ADD PRIMARY KEY (id, at);
      CREATE TABLE ref (id int, at date, FOREIGN KEY (id, at) REFERENCES m);`,
    drops: 'delete',
  },
];
