import type { RoundTripCase } from '../../support/roundtrip.js';

const T = 'CREATE TABLE t (id int PRIMARY KEY, g int, s text, x float8);';
const ROWS = {
  insert: "INSERT INTO t SELECT i, i % 3, 's' || i, i / 2.0 FROM generate_series(1, 30) i;",
  query: 'SELECT * FROM t ORDER BY id',
};
// A group_concat like the one of a well-known sample database, used by a view.
const CONCAT_FN = `CREATE FUNCTION concat_sep(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN acc IS NULL THEN v ELSE acc || ', ' || v END $$;`;
const CONCAT = `${CONCAT_FN} CREATE AGGREGATE group_concat(text) (SFUNC = concat_sep, STYPE = text);`;
const VIEW = 'CREATE VIEW per_group AS SELECT g, group_concat(s) AS names FROM t GROUP BY g;';

export const aggregateCases: RoundTripCase[] = [
  {
    name: 'aggregate created with its function and a view over it',
    before: T,
    after: `${T} ${CONCAT} ${VIEW}`,
    contains: ['CREATE AGGREGATE "public"."group_concat"(text)'],
    order: ['FUNCTION public.concat_sep', 'CREATE AGGREGATE', 'CREATE VIEW'],
    rows: ROWS,
  },
  {
    name: 'aggregate options changed in place, the view over it kept',
    before: `${T} ${CONCAT} ${VIEW}`,
    after: `${T} ${CONCAT_FN} CREATE AGGREGATE group_concat(text) (SFUNC = concat_sep, STYPE = text, INITCOND = '', PARALLEL = SAFE); ${VIEW}`,
    contains: ['CREATE OR REPLACE AGGREGATE'],
    rows: ROWS,
  },
  {
    name: 'aggregate with a final function, combine function and a view, dropped',
    before: `${T} CREATE FUNCTION avg_final(st float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS 'SELECT st[1] / nullif(st[2], 0)';
      CREATE AGGREGATE my_avg(float8) (SFUNC = float8_accum, STYPE = float8[], FINALFUNC = avg_final, COMBINEFUNC = float8_combine,
        INITCOND = '{0,0,0}', PARALLEL = SAFE);
      CREATE VIEW avgs AS SELECT g, my_avg(x) FROM t GROUP BY g;`,
    after: T,
    rows: ROWS,
  },
  {
    name: 'ordered-set aggregate and one over all rows (*)',
    before: T,
    after: `${T} CREATE AGGREGATE my_pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,
        FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
      CREATE AGGREGATE rows_seen(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
      COMMENT ON AGGREGATE rows_seen(*) IS 'count(*), by hand';`,
    rows: ROWS,
  },
  {
    name: 'aggregate with a moving mode and a sort operator',
    before: T,
    after: `${T} CREATE AGGREGATE my_avg(int) (SFUNC = int4_avg_accum, STYPE = int8[], FINALFUNC = int8_avg,
        INITCOND = '{0,0}', MSFUNC = int4_avg_accum, MINVFUNC = int4_avg_accum_inv, MSTYPE = int8[], MFINALFUNC = int8_avg,
        MINITCOND = '{0,0}');
      CREATE AGGREGATE my_max(int) (SFUNC = int4larger, STYPE = int, SORTOP = >);`,
    rows: ROWS,
  },
  {
    name: 'aggregate argument type changed: re-created with the view over it',
    before: `${T} CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int); CREATE VIEW totals AS SELECT g, total(id) FROM t GROUP BY g;`,
    after: `${T} CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint); CREATE VIEW totals AS SELECT g, total(id::bigint) FROM t GROUP BY g;`,
    contains: ['DROP AGGREGATE "public"."total"(integer)', 'DROP VIEW'],
    rows: ROWS,
  },
];
