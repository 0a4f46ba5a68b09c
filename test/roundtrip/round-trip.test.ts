// Table-driven round trips of our own (pg-schema-diff's acceptance style): forward, re-plan empty, backward.
// Tables, constraints, indexes, enums and sequences; the other kinds are in other-kinds.test.ts (two files so
// that the two test workers share the load).
import { runGroups } from './run-groups.js';
import { tableCases } from './cases/tables.js';
import { constraintCases } from './cases/constraints.js';
import { indexCases } from './cases/indexes.js';
import { typeAndSequenceCases } from './cases/types-sequences.js';
import { partitionCases } from './cases/partitions.js';
import { partitionClassCases } from './cases/partition-classes.js';

runGroups({
  tables: tableCases,
  constraints: constraintCases,
  indexes: indexCases,
  'types and sequences': typeAndSequenceCases,
  'partitions, inheritance, options, comments': partitionCases,
  'partition classes': partitionClassCases,
});
