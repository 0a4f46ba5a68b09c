// Round trips for the gap classes that other projects' schema pairs found (issue 16).
import { runGroups } from './run-groups.js';
import { extensionVersionCases, partitionIndexCases, referenceCases } from './cases/gaps.js';

runGroups({
  'references in bodies and checks': referenceCases,
  'indexes and keys of partitions': partitionIndexCases,
  'extension versions': extensionVersionCases,
});
