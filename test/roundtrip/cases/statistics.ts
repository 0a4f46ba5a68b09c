import type { RoundTripCase } from '../../support/roundtrip.js';

const T = 'CREATE TABLE t (id int PRIMARY KEY, a int, b int, c text);';
const ROWS = {
  insert: "INSERT INTO t SELECT g, g % 10, g % 7, 'c' || g FROM generate_series(1, 50) g;",
  query: 'SELECT id, a, b, c FROM t ORDER BY id',
};

export const statisticsCases: RoundTripCase[] = [
  {
    name: 'statistics created',
    before: T,
    after: `${T} CREATE STATISTICS t_ab (dependencies, ndistinct) ON a, b FROM t;`,
    contains: ['CREATE STATISTICS public.t_ab (ndistinct, dependencies) ON a, b FROM public.t'],
    rows: ROWS,
  },
  {
    name: 'statistics kinds changed (re-created)',
    before: `${T} CREATE STATISTICS t_ab (ndistinct) ON a, b FROM t;`,
    after: `${T} CREATE STATISTICS t_ab (mcv) ON a, b FROM t;`,
    contains: ['DROP STATISTICS "public"."t_ab"'],
    rows: ROWS,
  },
  {
    name: 'statistics target set, in place',
    before: `${T} CREATE STATISTICS t_ab ON a, b FROM t;`,
    after: `${T} CREATE STATISTICS t_ab ON a, b FROM t; ALTER STATISTICS t_ab SET STATISTICS 500;`,
    contains: ['ALTER STATISTICS "public"."t_ab" SET STATISTICS 500'],
    rows: ROWS,
  },
  {
    name: 'statistics on an expression, and dropped',
    before: `${T} CREATE STATISTICS t_expr ON lower(c), a FROM t;`,
    after: T,
    rows: ROWS,
  },
  {
    name: 'statistics over a column that is dropped and re-made on the columns left',
    before: `${T} CREATE STATISTICS t_abc ON a, b, c FROM t;`,
    after: 'CREATE TABLE t (id int PRIMARY KEY, a int, b int); CREATE STATISTICS t_abc ON a, b FROM t;',
    rows: { insert: ROWS.insert, query: 'SELECT id, a, b FROM t ORDER BY id' },
  },
  {
    name: 'statistics over a column whose type changes',
    before: `${T} CREATE STATISTICS t_ab ON a, b FROM t;`,
    after: 'CREATE TABLE t (id int PRIMARY KEY, a bigint, b int, c text); CREATE STATISTICS t_ab ON a, b FROM t;',
    rows: ROWS,
  },
  {
    name: 'statistics comment',
    before: `${T} CREATE STATISTICS t_ab ON a, b FROM t;`,
    after: `${T} CREATE STATISTICS t_ab ON a, b FROM t; COMMENT ON STATISTICS t_ab IS 'a and b move together';`,
    contains: [`COMMENT ON STATISTICS "public"."t_ab" IS 'a and b move together'`],
  },
  {
    name: 'statistics in another schema than their table, with their table created',
    before: 'CREATE SCHEMA st;',
    after: `CREATE SCHEMA st; ${T} CREATE STATISTICS st.t_ab ON a, b FROM t;`,
  },
];
