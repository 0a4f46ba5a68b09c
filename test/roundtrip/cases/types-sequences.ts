import type { RoundTripCase } from '../../support/roundtrip.js';

export const typeAndSequenceCases: RoundTripCase[] = [
  { name: 'enum created', before: '', after: "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');" },
  {
    name: 'enum value appended',
    before: "CREATE TYPE mood AS ENUM ('sad', 'ok');",
    after: "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');",
    contains: ["ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok'"],
  },
  {
    name: 'enum value inserted first',
    before: "CREATE TYPE mood AS ENUM ('ok');",
    after: "CREATE TYPE mood AS ENUM ('sad', 'ok');",
    contains: ["ADD VALUE IF NOT EXISTS 'sad' BEFORE 'ok'"],
  },
  {
    name: 'enum value removed with column and default',
    before: "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (m mood DEFAULT 'ok', ms mood[]);",
    after: "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood DEFAULT 'ok', ms mood[]);",
  },
  {
    name: 'enum values reordered',
    before: "CREATE TYPE e AS ENUM ('a', 'b'); CREATE TABLE t (x e NOT NULL DEFAULT 'b');",
    after: "CREATE TYPE e AS ENUM ('b', 'a'); CREATE TABLE t (x e NOT NULL DEFAULT 'b');",
  },
  {
    name: 'column moves from text to enum',
    before: 'CREATE TABLE t (s text);',
    after: "CREATE TYPE st AS ENUM ('x', 'y'); CREATE TABLE t (s st);",
  },
  {
    name: 'enum dropped with its column',
    before: "CREATE TYPE e AS ENUM ('a'); CREATE TABLE t (id int, x e);",
    after: 'CREATE TABLE t (id int);',
  },
  {
    name: 'sequence created and altered',
    before: 'CREATE SEQUENCE s;',
    after: 'CREATE SEQUENCE s AS integer INCREMENT BY 10 MINVALUE 5 MAXVALUE 100000 START WITH 5 CACHE 20 CYCLE;',
  },
  {
    name: 'sequence owned by column',
    before: 'CREATE TABLE t (id int); CREATE SEQUENCE s;',
    after: 'CREATE TABLE t (id int); CREATE SEQUENCE s OWNED BY t.id;',
  },
  { name: 'owned sequence dropped with its table', before: 'CREATE TABLE t (id serial);', after: '' },
  {
    name: 'owned sequence kept when its table goes',
    before: "CREATE TABLE t (id serial); CREATE TABLE u (id int DEFAULT nextval('t_id_seq'));",
    after: "CREATE SEQUENCE t_id_seq; CREATE TABLE u (id int DEFAULT nextval('t_id_seq'));",
  },
  {
    name: 'collation created and used',
    before: 'CREATE TABLE t (s text);',
    after:
      "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false); CREATE TABLE t (s text COLLATE ci);",
  },
];

typeAndSequenceCases.push({
  name: 'enum value added and used as a default in the same migration',
  before: "CREATE TYPE st AS ENUM ('new', 'done'); CREATE TABLE t (s st DEFAULT 'new');",
  after: "CREATE TYPE st AS ENUM ('new', 'open', 'done'); CREATE TABLE t (s st DEFAULT 'open');",
  contains: ["ADD VALUE IF NOT EXISTS 'open' AFTER 'new'"],
});
