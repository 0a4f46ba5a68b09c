import type { RoundTripCase } from '../../support/roundtrip.js';

export const userTypeCases: RoundTripCase[] = [
  {
    name: 'domain created and used',
    before: 'CREATE TABLE t (e text);',
    after: "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%'); CREATE TABLE t (e email);",
  },
  {
    name: 'domain default and not null changed',
    before: 'CREATE DOMAIN pos AS int CHECK (VALUE > 0);',
    after: 'CREATE DOMAIN pos AS int NOT NULL DEFAULT 1 CHECK (VALUE > 0);',
  },
  {
    name: 'domain named check replaced',
    before: 'CREATE DOMAIN pos AS int CONSTRAINT pos_check CHECK (VALUE > 0); CREATE TABLE t (n pos);',
    after: 'CREATE DOMAIN pos AS int CONSTRAINT pos_check CHECK (VALUE >= 0); CREATE TABLE t (n pos);',
  },
  {
    name: 'domain check added and dropped',
    before: 'CREATE DOMAIN d AS text CONSTRAINT a CHECK (length(VALUE) > 0);',
    after: 'CREATE DOMAIN d AS text CONSTRAINT b CHECK (length(VALUE) < 100);',
  },
  { name: 'domain with collation', before: '', after: 'CREATE DOMAIN ctext AS text COLLATE "C";' },
  {
    name: 'domain over an enum',
    before: "CREATE TYPE e AS ENUM ('x');",
    after: "CREATE TYPE e AS ENUM ('x'); CREATE DOMAIN de AS e NOT NULL;",
  },
  {
    name: 'domain dropped with its column',
    before: 'CREATE DOMAIN d AS int; CREATE TABLE t (a int, b d);',
    after: 'CREATE TABLE t (a int);',
  },
  { name: 'composite type created', before: '', after: 'CREATE TYPE pair AS (a int, b text);' },
  {
    name: 'composite type attribute added, dropped, retyped',
    before: 'CREATE TYPE pair AS (a int, b text, c int);',
    after: 'CREATE TYPE pair AS (a bigint, b text, d date);',
  },
  {
    name: 'composite type used by a column',
    before: 'CREATE TABLE t (id int);',
    after: 'CREATE TYPE money2 AS (amount numeric, currency char(3)); CREATE TABLE t (id int, price money2);',
  },
  {
    name: 'range type created',
    before: '',
    after: 'CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);',
  },
  {
    name: 'range type used by a column with exclusion',
    before: 'CREATE TABLE booking (room int);',
    after:
      'CREATE TYPE numr AS RANGE (subtype = numeric); CREATE TABLE booking (room int, during tsrange, EXCLUDE USING gist (during WITH &&));',
  },
  {
    name: 'range type changed',
    before: 'CREATE TYPE r AS RANGE (subtype = int4);',
    after: 'CREATE TYPE r AS RANGE (subtype = int8);',
  },
  {
    name: 'type comments',
    before: "CREATE TYPE e AS ENUM ('a'); CREATE DOMAIN d AS int;",
    after:
      "CREATE TYPE e AS ENUM ('a'); CREATE DOMAIN d AS int; COMMENT ON TYPE e IS 'an enum'; COMMENT ON DOMAIN d IS 'a domain';",
  },
  {
    name: 'extension with schema',
    before: '',
    after: 'CREATE SCHEMA ext; CREATE EXTENSION citext WITH SCHEMA ext; CREATE TABLE t (e ext.citext);',
  },
  {
    name: 'extension dropped with column using it',
    before: 'CREATE EXTENSION hstore; CREATE TABLE t (id int, h hstore);',
    after: 'CREATE TABLE t (id int);',
  },
];

userTypeCases.push({
  name: 'collation with a dot in its name used by a domain and a composite',
  before: '',
  after:
    'CREATE COLLATION "my.coll" FROM "C"; CREATE DOMAIN d AS text COLLATE "my.coll"; CREATE TYPE c AS (s text COLLATE "my.coll");',
});
