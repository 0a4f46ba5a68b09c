import type { RoundTripCase } from '../../support/roundtrip.js';

const TYPES = `CREATE DOMAIN cents AS bigint; CREATE TYPE money_pair AS (amount numeric, currency text);`;
const FN = `CREATE FUNCTION pair_of(text) RETURNS money_pair LANGUAGE sql IMMUTABLE
  AS $$ SELECT split_part($1, ' ', 1)::numeric, split_part($1, ' ', 2) $$;`;
const T = 'CREATE TABLE t (id int PRIMARY KEY, raw text);';
const ROWS = {
  insert: "INSERT INTO t SELECT g, g || ' EUR' FROM generate_series(1, 10) g;",
  query: 'SELECT * FROM t ORDER BY id',
};

export const castCases: RoundTripCase[] = [
  {
    name: 'cast with a function created, and a view using it',
    before: `${T} ${TYPES}`,
    after: `${T} ${TYPES} ${FN} CREATE CAST (text AS money_pair) WITH FUNCTION pair_of(text);
      CREATE VIEW amounts AS SELECT id, (raw::money_pair).amount FROM t;`,
    contains: ['CREATE CAST (text AS public.money_pair) WITH FUNCTION public.pair_of(text)'],
    order: ['FUNCTION public.pair_of', 'CREATE CAST', 'CREATE VIEW'],
    rows: ROWS,
  },
  {
    name: 'cast context changed: re-created',
    before: `${T} ${TYPES} ${FN} CREATE CAST (text AS money_pair) WITH FUNCTION pair_of(text);`,
    after: `${T} ${TYPES} ${FN} CREATE CAST (text AS money_pair) WITH FUNCTION pair_of(text) AS ASSIGNMENT;
      COMMENT ON CAST (text AS money_pair) IS 'parses "12 EUR"';`,
    contains: ['DROP CAST (text AS public.money_pair)', 'AS ASSIGNMENT'],
    rows: ROWS,
  },
  {
    name: 'inout and binary-coercible casts, dropped',
    before: `${T} ${TYPES} CREATE TYPE mood AS ENUM ('ok', 'sad');
      CREATE CAST (text AS mood) WITH INOUT AS IMPLICIT; CREATE CAST (bytea AS text) WITHOUT FUNCTION;`,
    after: `${T} ${TYPES} CREATE TYPE mood AS ENUM ('ok', 'sad');`,
    rows: ROWS,
  },
];
