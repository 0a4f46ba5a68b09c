// Round trips with rows (issue 12): conversions declared with `-- sfm:using`, and drops whose rollback brings the
// rows back. Each case inserts rows before the forward migration and compares them after the rollback.
import type { RoundTripCase } from '../../support/roundtrip.js';

const EVENTS = 'CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL, note text);';
const EVENT_ROWS = "INSERT INTO events VALUES (1, 0, 'epoch'), (2, 1700000000, 'later'), (3, 86400, NULL);";

export const conversionCases: readonly RoundTripCase[] = [
  {
    name: 'bigint seconds to timestamptz with declared conversions both ways',
    before: EVENTS,
    after: `CREATE TABLE events (
  id int PRIMARY KEY,
  -- sfm:using-down extract(epoch FROM at)::bigint
  at timestamptz NOT NULL, -- sfm:using to_timestamp(at)
  note text
);`,
    contains: ['USING (to_timestamp(at))'],
    rows: {
      insert: EVENT_ROWS,
      query: 'SELECT id, at, note FROM events ORDER BY id',
      forward: {
        query: 'SELECT id, extract(epoch FROM at)::bigint AS seconds FROM events ORDER BY id',
        rows: [
          { id: 1, seconds: '0' },
          { id: 2, seconds: '1700000000' },
          { id: 3, seconds: '86400' },
        ],
      },
    },
  },
  {
    name: 'text to integer with a declared conversion that cleans the values',
    before: 'CREATE TABLE items (id int PRIMARY KEY, qty text); ',
    after: "CREATE TABLE items (id int PRIMARY KEY, qty int); -- sfm:using nullif(trim(qty), '')::int",
    rows: {
      insert: "INSERT INTO items VALUES (1, ' 4 '), (2, '12'), (3, NULL);",
      query: 'SELECT id, trim(qty) AS qty FROM items ORDER BY id',
    },
  },
];

const NODES = `CREATE TABLE kind (code text PRIMARY KEY);
CREATE TABLE node (id bigserial PRIMARY KEY, kind text NOT NULL REFERENCES kind, name text NOT NULL, weight numeric CHECK (weight >= 0));
CREATE INDEX node_name ON node (lower(name));
CREATE TABLE edge (a bigint NOT NULL REFERENCES node, b bigint NOT NULL REFERENCES node, PRIMARY KEY (a, b));`;
const NODE_ROWS = `INSERT INTO kind VALUES ('actor'), ('policy');
INSERT INTO node (kind, name, weight) VALUES ('actor', 'Farmers', 1.5), ('policy', 'Tariff', NULL), ('actor', 'Bank', 0);
INSERT INTO edge VALUES (1, 2), (3, 2);`;

/** Drops that keep the data (drops: archive, the default). */
export const archiveCases: readonly RoundTripCase[] = [
  {
    name: 'table dropped with foreign keys into it and out of it, rows back after rollback',
    before: NODES,
    after: 'CREATE TABLE kind (code text PRIMARY KEY);',
    noHazards: ['DELETES_DATA'],
    contains: ['SET SCHEMA "sfm_archive_'],
    rows: {
      insert: NODE_ROWS,
      query:
        "SELECT n.id, n.kind, n.name, n.weight, (SELECT array_agg(e.a || '-' || e.b ORDER BY e.a, e.b) FROM edge e) AS edges, (SELECT last_value FROM node_id_seq) AS seq FROM node n ORDER BY n.id",
    },
  },
  {
    name: 'column dropped, values back after rollback',
    before: NODES,
    after: NODES.replace(', weight numeric CHECK (weight >= 0)', ''),
    noHazards: ['DELETES_DATA'],
    rows: { insert: NODE_ROWS, query: 'SELECT id, name, weight FROM node ORDER BY id' },
  },
  {
    name: 'not null column of a table with a composite key dropped, values back',
    before: `${NODES} ALTER TABLE edge ADD COLUMN label text NOT NULL DEFAULT 'x';`,
    after: NODES,
    noHazards: ['DELETES_DATA'],
    rows: {
      insert: `${NODE_ROWS} UPDATE edge SET label = a || '>' || b;`,
      query: 'SELECT a, b, label FROM edge ORDER BY a, b',
    },
  },
  {
    name: 'column of a table without a key is dropped with its data',
    before: 'CREATE TABLE log (at timestamptz, msg text);',
    after: 'CREATE TABLE log (at timestamptz);',
    hazards: ['DELETES_DATA'],
  },
  {
    name: 'table dropped with the enum its column uses is dropped with its data',
    before: "CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE t (id int PRIMARY KEY, m mood);",
    after: '',
    hazards: ['DELETES_DATA'],
  },
  {
    name: 'partitioned table dropped with its partitions, rows back',
    before:
      "CREATE TABLE m (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at); CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01'); CREATE INDEX m_at ON m (at);",
    after: '',
    noHazards: ['DELETES_DATA'],
    rows: {
      insert: "INSERT INTO m VALUES (1, '2026-03-01'), (2, '2026-04-01');",
      query: 'SELECT id, at::text FROM m ORDER BY id',
    },
  },
  {
    name: 'partition dropped while its parent stays is dropped with its data',
    before:
      "CREATE TABLE m (id int, at date NOT NULL) PARTITION BY RANGE (at); CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
    after: 'CREATE TABLE m (id int, at date NOT NULL) PARTITION BY RANGE (at);',
    hazards: ['DELETES_DATA'],
  },
  {
    name: 'table with a trigger, a policy, grants and comments dropped, rows back',
    before: `CREATE TABLE t (id int PRIMARY KEY, v text); COMMENT ON TABLE t IS 'things'; COMMENT ON COLUMN t.v IS 'value';
GRANT SELECT ON t TO sfm_reader; ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (true);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := upper(NEW.v); RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();`,
    after: `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := upper(NEW.v); RETURN NEW; END $$;`,
    noHazards: ['DELETES_DATA'],
    rows: { insert: "INSERT INTO t VALUES (1, 'a'), (2, 'b');", query: 'SELECT id, v FROM t ORDER BY id' },
  },
];
