import type { RoundTripCase } from '../../support/roundtrip.js';

export const indexCases: RoundTripCase[] = [
  {
    name: 'add index',
    before: 'CREATE TABLE t (a int);',
    after: 'CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);',
    hazards: ['INDEX_BUILD'],
  },
  {
    name: 'drop index',
    before: 'CREATE TABLE t (a int); CREATE INDEX t_a ON t (a);',
    after: 'CREATE TABLE t (a int);',
  },
  {
    name: 'unique partial index',
    before: 'CREATE TABLE t (a int, b bool);',
    after: 'CREATE TABLE t (a int, b bool); CREATE UNIQUE INDEX t_a ON t (a) WHERE b;',
  },
  {
    name: 'expression index',
    before: 'CREATE TABLE t (s text);',
    after: 'CREATE TABLE t (s text); CREATE INDEX t_lower ON t (lower(s));',
  },
  {
    name: 'index include, ordering, method',
    before: 'CREATE TABLE t (a int, b int, c text); CREATE INDEX i ON t (a);',
    after: 'CREATE TABLE t (a int, b int, c text); CREATE INDEX i ON t (a DESC NULLS LAST, b) INCLUDE (c);',
  },
  {
    name: 'hash and brin indexes',
    before: 'CREATE TABLE t (a int, at timestamptz);',
    after:
      'CREATE TABLE t (a int, at timestamptz); CREATE INDEX h ON t USING hash (a); CREATE INDEX b ON t USING brin (at);',
  },
  {
    name: 'opclass index',
    before: 'CREATE TABLE t (s text);',
    after: 'CREATE TABLE t (s text); CREATE INDEX t_s ON t (s text_pattern_ops);',
  },
  {
    name: 'index on a new column',
    before: 'CREATE TABLE t (a int);',
    after: 'CREATE TABLE t (a int, b int); CREATE INDEX t_b ON t (b);',
  },
  {
    name: 'index on quoted names',
    before: 'CREATE TABLE "Order" ("Total" int);',
    after: 'CREATE TABLE "Order" ("Total" int); CREATE INDEX "Order idx" ON "Order" ("Total");',
  },
  {
    name: 'gin index on jsonb',
    before: 'CREATE TABLE t (doc jsonb);',
    after: 'CREATE TABLE t (doc jsonb); CREATE INDEX t_doc ON t USING gin (doc jsonb_path_ops);',
  },
];
