// The layers of src/, lowest first. A module may import its own files and modules of a lower rank only; modules of
// one rank never import each other. Root files are modules of their own (errors.ts); index.ts, the public API, may
// import anything and nothing imports it.
export const RANKS: Record<string, number> = {
  errors: 0,
  model: 0,
  sys: 0,
  db: 1,
  yaml: 1,
  sql: 2,
  objects: 3,
  diff: 4,
  plan: 5,
  migrations: 6,
  'dev-db': 6,
  backup: 6,
  config: 6,
  erd: 6,
  introspect: 7,
  exec: 7,
  desired: 8,
  state: 9,
  apply: 10,
  lint: 10,
  rehearse: 11,
  impact: 11,
  report: 11,
  workflows: 12,
  cli: 13,
};

/** Stages: modules that iterate over the kind registry and must name no object kind. The YAML format
 * (desired/yaml, inspect) and the rename declarations are the user's vocabulary of tables and columns, so they may. */
export const KIND_FREE = [
  'diff',
  'plan',
  'introspect',
  'apply',
  'exec',
  'migrations',
  'state',
  'workflows',
  'cli',
  'dev-db',
  'rehearse',
  'impact',
  'lint',
  'config',
  'db',
];
