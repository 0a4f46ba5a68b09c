// Zero-downtime forms on tables that exist before and after: the plan must use them, and they must round-trip.
import type { RoundTripCase } from '../../support/roundtrip.js';

const rows = `INSERT INTO t (a, b) SELECT g, g FROM generate_series(1, 100) g;`;
const table = `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int);`;

export const onlineCases: RoundTripCase[] = [
  {
    name: 'index on an existing table is built and dropped concurrently',
    before: `${table} ${rows}`,
    after: `${table} CREATE INDEX t_a ON t (a) WHERE b > 0;`,
    contains: ['CREATE INDEX CONCURRENTLY t_a ON public.t'],
  },
  {
    name: 'unique index on an existing table',
    before: `${table} ${rows}`,
    after: `${table} CREATE UNIQUE INDEX t_ab ON t (a, b);`,
    contains: ['CREATE UNIQUE INDEX CONCURRENTLY t_ab'],
  },
  {
    name: 'index dropped from an existing table',
    before: `${table} CREATE INDEX t_a ON t (a); ${rows}`,
    after: table,
    contains: ['DROP INDEX CONCURRENTLY "public"."t_a"'],
  },
  {
    name: 'index on a column added in the same migration',
    before: `${table} ${rows}`,
    after: `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int, c text); CREATE INDEX t_c ON t (c);`,
    contains: ['ADD COLUMN "c" text', 'CREATE INDEX CONCURRENTLY t_c'],
  },
  {
    name: 'index renamed, not rebuilt',
    before: `${table} CREATE INDEX t_a ON t (a); ${rows}`,
    after: `${table} CREATE INDEX t_a_idx ON t (a);`,
    contains: ['ALTER INDEX "public"."t_a" RENAME TO "t_a_idx"'],
    noHazards: ['INDEX_BUILD'],
  },
  {
    name: 'check added NOT VALID then validated',
    before: `${table} ${rows}`,
    after: `${table} ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0);`,
    contains: ['ADD CONSTRAINT "a_pos" CHECK ((a > 0)) NOT VALID', 'VALIDATE CONSTRAINT "a_pos"'],
  },
  {
    name: 'foreign key added NOT VALID then validated',
    before: `CREATE TABLE p (id int PRIMARY KEY); INSERT INTO p SELECT generate_series(1, 100); ${table} ${rows}`,
    after: `CREATE TABLE p (id int PRIMARY KEY); ${table} ALTER TABLE t ADD CONSTRAINT t_p FOREIGN KEY (b) REFERENCES p (id) ON DELETE CASCADE;`,
    contains: ['NOT VALID', 'VALIDATE CONSTRAINT "t_p"'],
  },
  {
    name: 'a desired NOT VALID constraint stays not valid',
    before: table,
    after: `${table} ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;`,
    contains: ['CHECK ((a > 0)) NOT VALID'],
  },
  {
    name: 'SET NOT NULL through a validated check',
    before: `${table} ${rows}`,
    after: `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int NOT NULL, b int);`,
    contains: [
      'ADD CONSTRAINT "sfm_a_not_null" CHECK ("a" IS NOT NULL) NOT VALID',
      'VALIDATE CONSTRAINT "sfm_a_not_null"',
      'ALTER COLUMN "a" SET NOT NULL',
      'DROP CONSTRAINT "sfm_a_not_null"',
    ],
    noHazards: ['ACCESS_EXCLUSIVE_LOCK'],
  },
  {
    name: 'nullable column with a volatile default is added without a rewrite',
    before: `${table} ${rows}`,
    after: `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int, r float8 DEFAULT random());`,
    contains: ['ADD COLUMN "r" double precision', 'ALTER COLUMN "r" SET DEFAULT random()'],
    noHazards: ['TABLE_REWRITE'],
  },
  {
    name: 'NOT NULL column with a volatile default rewrites, and says so',
    before: `${table} ${rows}`,
    after: `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int, u uuid NOT NULL DEFAULT gen_random_uuid());`,
    hazards: ['TABLE_REWRITE'],
  },
  {
    name: 'a stable default adds without a rewrite in one statement',
    before: `${table} ${rows}`,
    after: `CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, a int, b int, at timestamptz NOT NULL DEFAULT now());`,
    contains: ['ADD COLUMN "at" timestamp with time zone DEFAULT now() NOT NULL'],
    noHazards: ['TABLE_REWRITE'],
  },
];
