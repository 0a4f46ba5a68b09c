// What a step may cost or risk, as the plan declares it and the proof observes it.
export type Hazard =
  | 'DELETES_DATA'
  | 'TABLE_REWRITE'
  | 'ACCESS_EXCLUSIVE_LOCK'
  | 'INDEX_BUILD'
  | 'CORRECTNESS'
  | 'HAS_UNTRACKABLE_DEPENDENCIES';

export const ALL_HAZARDS: readonly Hazard[] = [
  'DELETES_DATA',
  'TABLE_REWRITE',
  'ACCESS_EXCLUSIVE_LOCK',
  'INDEX_BUILD',
  'CORRECTNESS',
  'HAS_UNTRACKABLE_DEPENDENCIES',
];
