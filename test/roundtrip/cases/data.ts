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
      insert: EVENT_ROWS, query: 'SELECT id, at, note FROM events ORDER BY id',
      forward: { query: "SELECT id, extract(epoch FROM at)::bigint AS seconds FROM events ORDER BY id", rows: [{ id: 1, seconds: '0' }, { id: 2, seconds: '1700000000' }, { id: 3, seconds: '86400' }] },
    },
  },
  {
    name: 'text to integer with a declared conversion that cleans the values',
    before: "CREATE TABLE items (id int PRIMARY KEY, qty text); ",
    after: 'CREATE TABLE items (id int PRIMARY KEY, qty int); -- sfm:using nullif(trim(qty), \'\')::int',
    rows: { insert: "INSERT INTO items VALUES (1, ' 4 '), (2, '12'), (3, NULL);", query: 'SELECT id, trim(qty) AS qty FROM items ORDER BY id' },
  },
];
