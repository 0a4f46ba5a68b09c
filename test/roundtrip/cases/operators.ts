import type { RoundTripCase } from '../../support/roundtrip.js';

const T = 'CREATE TABLE t (id int PRIMARY KEY, a text, b text);';
const ROWS = {
  insert: "INSERT INTO t SELECT g, 'x' || (g % 3), 'X' || (g % 4) FROM generate_series(1, 20) g;",
  query: 'SELECT * FROM t ORDER BY id',
};
const FNS = `CREATE FUNCTION ci_eq(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
  CREATE FUNCTION ci_ne(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) <> lower($2)';`;
const OPS = `CREATE OPERATOR === (FUNCTION = ci_eq, LEFTARG = text, RIGHTARG = text, COMMUTATOR = ===, NEGATOR = !==,
    RESTRICT = eqsel, JOIN = eqjoinsel);
  CREATE OPERATOR !== (FUNCTION = ci_ne, LEFTARG = text, RIGHTARG = text, COMMUTATOR = !==, NEGATOR = ===);`;
const VIEW = 'CREATE VIEW same_ci AS SELECT id FROM t WHERE a === b;';

export const operatorCases: RoundTripCase[] = [
  {
    name: 'operators with commutator and negator created, with a view using one',
    before: T,
    after: `${T} ${FNS} ${OPS} ${VIEW}`,
    contains: ['CREATE OPERATOR "public".=== (FUNCTION = public.ci_eq'],
    order: ['FUNCTION public.ci_eq', 'CREATE OPERATOR "public".===', 'CREATE VIEW'],
    rows: ROWS,
  },
  {
    name: 'operator function changed: re-created with the view over it',
    before: `${T} ${FNS} ${OPS} ${VIEW}`,
    after: `${T} ${FNS} CREATE FUNCTION ci_eq2(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT upper($1) = upper($2)';
      CREATE OPERATOR === (FUNCTION = ci_eq2, LEFTARG = text, RIGHTARG = text, COMMUTATOR = ===, NEGATOR = !==);
      CREATE OPERATOR !== (FUNCTION = ci_ne, LEFTARG = text, RIGHTARG = text, COMMUTATOR = !==, NEGATOR = ===); ${VIEW}`,
    contains: ['DROP OPERATOR "public".=== (text, text)', 'DROP VIEW'],
    rows: ROWS,
  },
  {
    name: 'prefix operator on a user type, dropped with its function, with a comment',
    before: `${T} CREATE DOMAIN score AS int; CREATE FUNCTION neg_score(score) RETURNS score LANGUAGE sql IMMUTABLE AS 'SELECT -$1';
      CREATE OPERATOR ~~~ (FUNCTION = neg_score, RIGHTARG = score); COMMENT ON OPERATOR ~~~ (NONE, score) IS 'negates';`,
    after: `${T} CREATE DOMAIN score AS int;`,
    rows: ROWS,
  },
  {
    name: 'operator used by a check constraint, created together',
    before: T,
    after: `CREATE FUNCTION ci_eq(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
      CREATE OPERATOR === (FUNCTION = ci_eq, LEFTARG = text, RIGHTARG = text);
      CREATE TABLE t (id int PRIMARY KEY, a text, b text, CONSTRAINT allowed CHECK (NOT (a === 'FORBIDDEN')));`,
    rows: ROWS,
  },
];
