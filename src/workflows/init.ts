// init: a new project's config file, desired-state folder with one example, and migration folder.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

const CONFIG = `# sfm-schema configuration. Command-line flags win over this file.
# Desired state: .sql and .yaml files under this path, read recursively.
schema: schema
# Versioned migrations written by \`sfm-schema plan\` (with the sum file sfm.sum).
migrations: generated-migrations
# Dev database where desired SQL runs: "embedded" (PGlite, no server) or the URL of an empty scratch database.
# devUrl: embedded
# Manage only these schemas, or leave some alone:
# schemas: [public]
# excludeSchemas: [audit]
# Refuse a plan step that rewrites a table larger than this, or holds ACCESS EXCLUSIVE longer by its estimate
# (with the target's sizes: --url, or --stats from \`sfm-schema stats\`):
# limits: { rewrite: 1GB, accessExclusive: 5s }
environments:
  # \`--env local\`. \${VAR} and \${VAR:-default} are read from the environment.
  local:
    url: \${DATABASE_URL:-postgres://localhost:5432/postgres}
  # production:
  #   url: \${PRODUCTION_DATABASE_URL}
  #   lockTimeout: 5s
  #   allowHazards: [INDEX_BUILD]
  #   backup: true
`;

const EXAMPLE = `-- The schema you want, as plain SQL (or YAML next to it). Edit, then run \`sfm-schema plan\`.
CREATE TABLE example (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL
);
`;

export interface InitResult {
  readonly created: readonly string[];
}

export function init(o: { readonly dir?: string } = {}): InitResult {
  const dir = o.dir ?? '.';
  const files = {
    config: join(dir, 'sfm-schema.config.yaml'),
    schema: join(dir, 'schema'),
    migrations: join(dir, 'generated-migrations'),
  };
  const existing = Object.values(files).filter((p) => existsSync(p));
  if (existing.length) throw new ConfigError(`init would overwrite ${existing.join(', ')}: nothing was written`);
  writeFileSync(files.config, CONFIG, { flag: 'wx' });
  mkdirSync(files.schema, { recursive: true });
  writeFileSync(join(files.schema, 'example.sql'), EXAMPLE, { flag: 'wx' });
  mkdirSync(files.migrations);
  return { created: [files.config, join(files.schema, 'example.sql'), `${files.migrations}/`] };
}
