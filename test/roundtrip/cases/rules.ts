import type { RoundTripCase } from '../../support/roundtrip.js';

const T = 'CREATE TABLE t (id int PRIMARY KEY, v text, n int); CREATE TABLE log (id int, v text);';
const ROWS = {
  insert: "INSERT INTO t SELECT g, 'v' || g, g FROM generate_series(1, 20) g; INSERT INTO log VALUES (1, 'x');",
  query: 'SELECT * FROM t ORDER BY id',
};
const LOG_RULE = 'CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.id, NEW.v);';

export const ruleCases: RoundTripCase[] = [
  {
    name: 'rule created, writing to another table',
    before: T,
    after: `${T} ${LOG_RULE}`,
    contains: ['CREATE RULE t_log AS'],
    rows: ROWS,
    writes: {
      after: [{ table: 't', column: 'id', insert: "INSERT INTO t VALUES (1000, 'new', 1) RETURNING id" }],
      before: [{ table: 't', column: 'id', insert: "INSERT INTO t VALUES (1001, 'new', 1) RETURNING id" }],
    },
  },
  {
    name: 'rule action changed (re-created) and rule dropped',
    before: `${T} ${LOG_RULE} CREATE RULE t_no_delete AS ON DELETE TO t DO INSTEAD NOTHING;`,
    after: `${T} CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.id, upper(NEW.v));`,
    contains: ['DROP RULE "t_log" ON "public"."t"', 'DROP RULE "t_no_delete" ON "public"."t"'],
    rows: ROWS,
  },
  {
    name: 'rule disabled and enabled always, in place, with a comment',
    before: `${T} ${LOG_RULE} CREATE RULE t_quiet AS ON UPDATE TO t DO ALSO NOTIFY t_changed;`,
    after: `${T} ${LOG_RULE} CREATE RULE t_quiet AS ON UPDATE TO t DO ALSO NOTIFY t_changed;
      ALTER TABLE t DISABLE RULE t_log; ALTER TABLE t ENABLE ALWAYS RULE t_quiet;
      COMMENT ON RULE t_quiet ON t IS 'tells listeners';`,
    contains: [
      'ALTER TABLE "public"."t" DISABLE RULE "t_log"',
      'ALTER TABLE "public"."t" ENABLE ALWAYS RULE "t_quiet"',
    ],
    rows: ROWS,
  },
  {
    name: 'rule on a view (an updatable view by rule)',
    before: T,
    after: `${T} CREATE VIEW tv AS SELECT id, v FROM t;
      CREATE RULE tv_insert AS ON INSERT TO tv DO INSTEAD INSERT INTO t (id, v) VALUES (NEW.id, NEW.v);`,
    order: ['CREATE VIEW', 'CREATE RULE tv_insert'],
    rows: ROWS,
  },
  {
    name: 'column under a rule changes type: the rule is re-created around it',
    before: `${T} CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.n, NEW.v);`,
    after: `CREATE TABLE t (id int PRIMARY KEY, v text, n bigint); CREATE TABLE log (id int, v text);
      CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.n, NEW.v);`,
    rows: ROWS,
  },
  {
    name: 'rule using a function, created together',
    before: T,
    after: `${T} CREATE FUNCTION clean(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT trim($1)';
      CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.id, clean(NEW.v));`,
    order: ['FUNCTION public.clean', 'CREATE RULE'],
  },
];
