// Cases for the classes of round-trip gaps that other projects' schema pairs found (issue 16). Names are chosen so
// that an order by name alone would be wrong: what is used sorts after what uses it.
import type { RoundTripCase } from '../../support/roundtrip.js';

const POSITIVE = "CREATE FUNCTION z_positive(n int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT n > 0';";

/** Class 1: routine bodies and checks that call what the same migration creates. */
export const referenceCases: readonly RoundTripCase[] = [
  {
    name: 'domain check calling a function created in the same plan',
    before: '',
    after: `${POSITIVE} CREATE DOMAIN a_pos AS int CHECK (z_positive(VALUE));`,
  },
  {
    name: 'domain check and its function dropped together',
    before: `${POSITIVE} CREATE DOMAIN a_pos AS int CHECK (z_positive(VALUE));`,
    after: '',
  },
  {
    name: 'domain check added that calls a new function',
    before: 'CREATE DOMAIN a_pos AS int;',
    after: `${POSITIVE} CREATE DOMAIN a_pos AS int CHECK (z_positive(VALUE));`,
  },
  {
    name: 'begin atomic function calling a function created in the same plan',
    minServer: 14,
    before: '',
    after:
      'CREATE FUNCTION z_one() RETURNS int LANGUAGE sql RETURN 1; CREATE FUNCTION a_two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT z_one() + 1; END;',
  },
  {
    name: 'begin atomic procedure writing a table created in the same plan',
    minServer: 14,
    before: '',
    after:
      'CREATE TABLE z_log (m text); CREATE PROCEDURE a_note(m text) LANGUAGE sql BEGIN ATOMIC INSERT INTO z_log VALUES (m); END;',
  },
  {
    name: 'sql procedure calling a function created in the same plan',
    before: '',
    after:
      'CREATE TABLE z_log (m text); CREATE FUNCTION z_clean(m text) RETURNS text LANGUAGE sql AS $$ SELECT trim(m) $$; CREATE PROCEDURE a_note(m text) LANGUAGE sql AS $$ INSERT INTO z_log VALUES (z_clean(m)) $$;',
  },
  {
    name: 'function default argument calling a function created in the same plan',
    before: '',
    after:
      "CREATE FUNCTION z_seven() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 7'; CREATE FUNCTION a_add(a int, b int DEFAULT z_seven()) RETURNS int LANGUAGE sql AS 'SELECT a + b';",
  },
  {
    name: 'sql function bodies ordered by what they call and read',
    before: '',
    after:
      "CREATE TABLE z_items (n int); CREATE SEQUENCE z_ids; CREATE FUNCTION y_base() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM z_items $$; CREATE FUNCTION b_next() RETURNS bigint LANGUAGE sql AS $$ SELECT nextval('z_ids') + y_base() $$; CREATE FUNCTION a_top() RETURNS bigint LANGUAGE sql AS $$ SELECT public.b_next() $$;",
    order: ['FUNCTION public.y_base', 'FUNCTION public.b_next', 'FUNCTION public.a_top'],
  },
  {
    name: 'mutually recursive sql functions',
    before: '',
    after:
      'SET check_function_bodies = off; CREATE FUNCTION a_even(n int) RETURNS bool LANGUAGE sql AS $$ SELECT CASE WHEN n = 0 THEN true ELSE z_odd(n - 1) END $$; CREATE FUNCTION z_odd(n int) RETURNS bool LANGUAGE sql AS $$ SELECT CASE WHEN n = 0 THEN false ELSE a_even(n - 1) END $$;',
  },
  {
    name: 'domain over a domain whose check calls a function',
    before: '',
    after: `${POSITIVE} CREATE DOMAIN b_pos AS int CHECK (z_positive(VALUE)); CREATE DOMAIN a_small AS b_pos CHECK (VALUE < 10); CREATE TABLE t (n a_small);`,
  },
];

/** Class 2: partitioned tables and the indexes and keys of their partitions. */
const M = 'CREATE TABLE m (id int NOT NULL, at date NOT NULL, v int) PARTITION BY RANGE (at);';
const M26 = "CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');";
export const partitionIndexCases: readonly RoundTripCase[] = [
  {
    name: 'partitioned index adopting a matching index of a partition',
    before: `${M} ${M26} CREATE INDEX m26_v ON m_2026 (v);`,
    after: `${M} ${M26} CREATE INDEX m26_v ON m_2026 (v); CREATE INDEX m_v ON m (v);`,
  },
  {
    name: 'partition keeps a local index of its own',
    before: `${M} ${M26}`,
    after: `${M} ${M26} CREATE INDEX m26_id ON m_2026 (id);`,
  },
  {
    name: 'plain table with its own index attached as a partition',
    before: `${M} CREATE INDEX m_v ON m (v); CREATE TABLE m_2026 (id int NOT NULL, at date NOT NULL, v int); CREATE INDEX m26_v ON m_2026 (v);`,
    after: `${M} CREATE INDEX m_v ON m (v); CREATE TABLE m_2026 (id int NOT NULL, at date NOT NULL, v int); CREATE INDEX m26_v ON m_2026 (v); ALTER TABLE m ATTACH PARTITION m_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
  },
  {
    name: 'plain table without the index attached as a partition',
    before: `${M} CREATE INDEX m_v ON m (v); CREATE TABLE m_2026 (id int NOT NULL, at date NOT NULL, v int);`,
    after: `${M} CREATE INDEX m_v ON m (v); ${M26}`,
  },
  {
    name: 'partition key added using an existing index, then the parent key',
    before: `${M} ${M26} CREATE UNIQUE INDEX m26_key ON m_2026 (id, at);`,
    after: `${M} ${M26} CREATE UNIQUE INDEX m26_key ON m_2026 (id, at); ALTER TABLE m_2026 ADD CONSTRAINT m26_pk PRIMARY KEY USING INDEX m26_key; ALTER TABLE m ADD CONSTRAINT m_pk PRIMARY KEY (id, at);`,
  },
  {
    name: 'primary key on a partitioned table with a partition created later',
    before: `${M} ALTER TABLE m ADD PRIMARY KEY (id, at);`,
    after: `${M} ALTER TABLE m ADD PRIMARY KEY (id, at); ${M26}`,
  },
  {
    name: 'column owning a sequence dropped from a partitioned table',
    before: `CREATE TABLE s (id serial, at date NOT NULL, v int) PARTITION BY RANGE (at); CREATE TABLE s_2026 PARTITION OF s FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: `CREATE TABLE s (at date NOT NULL, v int) PARTITION BY RANGE (at); CREATE TABLE s_2026 PARTITION OF s FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    hazards: ['DELETES_DATA'],
  },
  {
    name: 'new partition whose index has a name of its own',
    before: `${M} CREATE INDEX m_v ON m (v);`,
    after: `${M} CREATE INDEX m_v ON m (v); ${M26} ALTER INDEX m_2026_v_idx RENAME TO m26_custom;`,
  },
  {
    name: 'new partition whose key has a name of its own',
    before: `${M} ALTER TABLE m ADD CONSTRAINT m_pk PRIMARY KEY (id, at);`,
    after: `${M} ALTER TABLE m ADD CONSTRAINT m_pk PRIMARY KEY (id, at); ${M26} ALTER TABLE m_2026 RENAME CONSTRAINT m_2026_pkey TO m26_pk;`,
  },
  {
    name: 'partitioned index changed, with its partitions',
    before: `${M} ${M26} CREATE INDEX m_v ON m (v);`,
    after: `${M} ${M26} CREATE INDEX m_v ON m (v, id);`,
  },
  {
    name: 'partition with a key attached to a partitioned table with a key',
    before: `${M} ALTER TABLE m ADD PRIMARY KEY (id, at); CREATE TABLE m_2026 (id int NOT NULL, at date NOT NULL, v int); ALTER TABLE m_2026 ADD CONSTRAINT m26_pk PRIMARY KEY (id, at);`,
    after: `${M} ALTER TABLE m ADD PRIMARY KEY (id, at); CREATE TABLE m_2026 (id int NOT NULL, at date NOT NULL, v int); ALTER TABLE m_2026 ADD CONSTRAINT m26_pk PRIMARY KEY (id, at); ALTER TABLE m ATTACH PARTITION m_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
  },
  {
    name: 'unique key on a partitioned table with partitions',
    before: `${M} ${M26}`,
    after: `${M} ${M26} ALTER TABLE m ADD CONSTRAINT m_uq UNIQUE (v, at);`,
  },
  {
    name: 'identity column dropped from a partitioned table',
    minServer: 17,
    before: `CREATE TABLE s (id int GENERATED ALWAYS AS IDENTITY, at date NOT NULL) PARTITION BY RANGE (at); CREATE TABLE s_2026 PARTITION OF s FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
    after: `CREATE TABLE s (at date NOT NULL) PARTITION BY RANGE (at); CREATE TABLE s_2026 PARTITION OF s FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`,
  },
];

/** Class 4: extension versions, with --extension-versions. */
const versions = { excludeSchemas: [], extensionVersions: true } as const;
export const extensionVersionCases: readonly RoundTripCase[] = [
  {
    name: 'extension upgraded and another installed at its default version',
    scope: versions,
    before: "CREATE EXTENSION pg_trgm VERSION '1.5';",
    after: 'CREATE EXTENSION pg_trgm; CREATE EXTENSION citext;',
    contains: ['UPDATE TO'],
  },
  {
    name: 'extension upgraded while an index uses its operator class',
    scope: versions,
    before:
      "CREATE EXTENSION pg_trgm VERSION '1.5'; CREATE TABLE t (s text); CREATE INDEX t_s ON t USING gin (s gin_trgm_ops);",
    after: 'CREATE EXTENSION pg_trgm; CREATE TABLE t (s text); CREATE INDEX t_s ON t USING gin (s gin_trgm_ops);',
  },
];
