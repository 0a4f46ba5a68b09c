// Table-driven round trips for views, functions, triggers, user types, privileges and RLS, extended statistics,
// aggregates, rewrite rules, operators, operator classes, casts, publications, default privileges, foreign data, text search, and cases across kinds.
import { runGroups } from './run-groups.js';
import { viewCases } from './cases/views.js';
import { functionCases } from './cases/functions.js';
import { triggerCases } from './cases/triggers.js';
import { userTypeCases } from './cases/types.js';
import { securityCases } from './cases/security.js';
import { mixedCases } from './cases/mixed.js';
import { onlineCases } from './cases/online.js';
import { statisticsCases } from './cases/statistics.js';
import { aggregateCases } from './cases/aggregates.js';
import { ruleCases } from './cases/rules.js';
import { operatorCases } from './cases/operators.js';
import { castCases } from './cases/casts.js';
import { operatorClassCases } from './cases/operator-classes.js';
import { publicationCases } from './cases/publications.js';
import { defaultPrivilegeCases } from './cases/default-privileges.js';
import { foreignDataCases } from './cases/foreign-data.js';
import { ownerCases } from './cases/owners.js';
import { issue25Cases } from './cases/issue-25-state.js';
import { textSearchCases } from './cases/text-search.js';

runGroups({
  views: viewCases,
  functions: functionCases,
  triggers: triggerCases,
  'domains, composites, ranges, extensions': userTypeCases,
  'grants and row-level security': securityCases,
  'across kinds': mixedCases,
  'zero-downtime forms': onlineCases,
  'extended statistics': statisticsCases,
  aggregates: aggregateCases,
  'rewrite rules': ruleCases,
  operators: operatorCases,
  casts: castCases,
  'operator classes and families': operatorClassCases,
  publications: publicationCases,
  'default privileges': defaultPrivilegeCases,
  'foreign data': foreignDataCases,
  owners: ownerCases,
  'every kind together': issue25Cases,
  'text search': textSearchCases,
});
