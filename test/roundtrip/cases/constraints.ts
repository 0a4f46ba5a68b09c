import type { RoundTripCase } from '../../support/roundtrip.js';

export const constraintCases: RoundTripCase[] = [
  {
    name: 'add primary key',
    before: 'CREATE TABLE t (id int);',
    after: 'CREATE TABLE t (id int PRIMARY KEY);',
    hazards: ['INDEX_BUILD'],
  },
  {
    name: 'drop primary key',
    before: 'CREATE TABLE t (id int PRIMARY KEY);',
    after: 'CREATE TABLE t (id int NOT NULL);',
  },
  {
    name: 'composite primary key changes columns',
    before: 'CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b));',
    after: 'CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, c));',
  },
  {
    name: 'unique nulls not distinct',
    before: 'CREATE TABLE t (a int UNIQUE);',
    after: 'CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT);',
    minServer: 15,
  },
  {
    name: 'check constraint changed',
    before: 'CREATE TABLE t (n int CONSTRAINT n_pos CHECK (n > 0));',
    after: 'CREATE TABLE t (n int CONSTRAINT n_pos CHECK (n >= 0));',
  },
  {
    name: 'check constraint renamed',
    before: 'CREATE TABLE t (n int CONSTRAINT a CHECK (n > 0));',
    after: 'CREATE TABLE t (n int CONSTRAINT b CHECK (n > 0));',
    contains: ['ALTER TABLE "public"."t" RENAME CONSTRAINT "a" TO "b"'],
    noHazards: ['ACCESS_EXCLUSIVE_LOCK'],
  },
  {
    name: 'primary key renamed under a foreign key',
    before: 'CREATE TABLE p (id int CONSTRAINT p_key PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);',
    after: 'CREATE TABLE p (id int CONSTRAINT p_pk PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);',
    contains: ['RENAME CONSTRAINT "p_key" TO "p_pk"'],
    noHazards: ['INDEX_BUILD'],
  },
  {
    name: 'renamed and changed is a re-create',
    before: 'CREATE TABLE t (n int CONSTRAINT a CHECK (n > 0));',
    after: 'CREATE TABLE t (n int CONSTRAINT b CHECK (n > 1));',
    contains: ['DROP CONSTRAINT "a"', 'ADD CONSTRAINT "b"'],
  },
  {
    name: 'foreign key added',
    before: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int);',
    after: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p (id));',
  },
  {
    name: 'foreign key actions and match',
    before: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);',
    after:
      'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL);',
  },
  {
    name: 'foreign key deferrable',
    before: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);',
    after: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED);',
  },
  {
    name: 'foreign key cycle created',
    before: '',
    after:
      'CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a); ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;',
  },
  {
    name: 'self-referencing foreign key',
    before: 'CREATE TABLE n (id int PRIMARY KEY);',
    after: 'CREATE TABLE n (id int PRIMARY KEY, parent int REFERENCES n);',
  },
  {
    name: 'referenced key recreated with its foreign key',
    before: 'CREATE TABLE p (id int, v int, CONSTRAINT p_key UNIQUE (id)); CREATE TABLE c (pid int REFERENCES p (id));',
    after:
      'CREATE TABLE p (id int, v int, CONSTRAINT p_key UNIQUE (id) INCLUDE (v)); CREATE TABLE c (pid int REFERENCES p (id));',
  },
  {
    name: 'foreign key to a dropped table',
    before: 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p);',
    after: 'CREATE TABLE c (pid int);',
  },
  {
    name: 'exclusion constraint',
    before: 'CREATE TABLE r (c circle);',
    after: 'CREATE TABLE r (c circle, EXCLUDE USING gist (c WITH &&));',
  },
  {
    name: 'constraint on a dropped column',
    before: 'CREATE TABLE t (a int, b int CHECK (b > a));',
    after: 'CREATE TABLE t (a int);',
  },
];
