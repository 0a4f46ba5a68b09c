import type { RoundTripCase } from '../../support/roundtrip.js';

// A case-insensitive btree operator class on text, like citext's, built from SQL functions.
const FNS = `
CREATE FUNCTION ci_lt(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) < lower($2)';
CREATE FUNCTION ci_le(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) <= lower($2)';
CREATE FUNCTION ci_eq(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) = lower($2)';
CREATE FUNCTION ci_ge(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) >= lower($2)';
CREATE FUNCTION ci_gt(text, text) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT lower($1) > lower($2)';
CREATE FUNCTION ci_cmp(text, text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT bttextcmp(lower($1), lower($2))';
CREATE OPERATOR <~ (FUNCTION = ci_lt, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR <=~ (FUNCTION = ci_le, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR =~ (FUNCTION = ci_eq, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR >=~ (FUNCTION = ci_ge, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR >~ (FUNCTION = ci_gt, LEFTARG = text, RIGHTARG = text);`;
const CLASS = `CREATE OPERATOR CLASS ci_ops FOR TYPE text USING btree AS
  OPERATOR 1 <~, OPERATOR 2 <=~, OPERATOR 3 =~, OPERATOR 4 >=~, OPERATOR 5 >~, FUNCTION 1 ci_cmp(text, text);`;
const T = 'CREATE TABLE names (id int PRIMARY KEY, name text);';
const ROWS = {
  insert:
    "INSERT INTO names SELECT g, CASE WHEN g % 2 = 0 THEN 'Ann' ELSE 'bob' END || g FROM generate_series(1, 20) g;",
  query: 'SELECT * FROM names ORDER BY id',
};

export const operatorClassCases: RoundTripCase[] = [
  {
    name: 'operator class with its family created, and an index using it',
    before: T,
    after: `${T} ${FNS} ${CLASS} CREATE INDEX names_ci ON names (name ci_ops);`,
    order: ['CREATE OPERATOR FAMILY', 'CREATE OPERATOR CLASS', 'CREATE INDEX'],
    rows: ROWS,
  },
  {
    name: 'operator class support function changed: re-created with the index over it, and a hash class added',
    before: `${T} ${FNS} ${CLASS} CREATE INDEX names_ci ON names (name ci_ops);`,
    after: `${T} ${FNS} CREATE FUNCTION ci_cmp2(text, text) RETURNS int LANGUAGE sql IMMUTABLE
        AS 'SELECT bttextcmp(upper($1), upper($2))';
      CREATE OPERATOR CLASS ci_ops FOR TYPE text USING btree AS
        OPERATOR 1 <~, OPERATOR 2 <=~, OPERATOR 3 =~, OPERATOR 4 >=~, OPERATOR 5 >~, FUNCTION 1 ci_cmp2(text, text);
      CREATE FUNCTION ci_hash(text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(lower($1))';
      CREATE OPERATOR CLASS ci_hash_ops FOR TYPE text USING hash AS OPERATOR 1 =~, FUNCTION 1 ci_hash(text);
      CREATE INDEX names_ci ON names (name ci_ops);`,
    contains: ['DROP OPERATOR CLASS "public"."ci_ops" USING "btree"', 'DROP INDEX'],
    rows: ROWS,
  },
  {
    name: 'loose members added to and dropped from a family in place',
    before: `${T} ${FNS} CREATE OPERATOR FAMILY ci_family USING btree;
      ALTER OPERATOR FAMILY ci_family USING btree ADD OPERATOR 1 <~ (text, text), OPERATOR 3 =~ (text, text);`,
    after: `${T} ${FNS} CREATE OPERATOR FAMILY ci_family USING btree;
      ALTER OPERATOR FAMILY ci_family USING btree ADD OPERATOR 1 <~ (text, text), OPERATOR 5 >~ (text, text),
        FUNCTION 1 (text, text) ci_cmp(text, text);`,
    contains: ['DROP OPERATOR 3 (text, text)', 'OPERATOR 5 "public".>~ (text, text)'],
    rows: ROWS,
  },
  {
    name: 'operator class and family dropped with the index',
    before: `${T} ${FNS} ${CLASS} CREATE INDEX names_ci ON names (name ci_ops);`,
    after: `${T} ${FNS}`,
    rows: ROWS,
  },
];
