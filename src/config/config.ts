// sfm-schema.config.yaml: validated with zod, errors at file:line:column, ${VAR} and ${VAR:-default} taken from
// the environment. Command-line flags win over the file; the file wins over built-in defaults.
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isSeq, isScalar } from 'yaml';
import { issueError, parseLocated } from '../yaml/document.js';
import { z } from 'zod';
import { ConfigError, LocatedError } from '../errors.js';
import { ALL_HAZARDS } from '../model/hazard.js';

const DEFAULT_CONFIG = 'sfm-schema.config.yaml';

const hazard = z.union([z.enum(ALL_HAZARDS as [string, ...string[]]), z.literal('all')]);
const duration = z.string().regex(/^\d+\s*(ms|s|min|h)?$/, 'a duration such as 500ms, 5s or 2min');

/** Many databases with one schema: a list of URLs, or a query run on the environment's url (the control
 * database) that returns a column `url` (connection URLs) or `database` (names on the control database's server). */
const targets = z.union([
  z.array(z.string().min(1)).min(1),
  z.strictObject({ urls: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ query: z.string().min(1) }),
]);

const environment = z.strictObject({
  url: z.string().min(1),
  /** A connection that bypasses a pooler (PgBouncer in transaction mode breaks session locks and SET): sfm-schema
   * then locks, migrates and reads through it instead of url. */
  directUrl: z.string().min(1).optional(),
  targets: targets.optional(),
  devUrl: z.string().optional(),
  lockTimeout: duration.optional(),
  statementTimeout: duration.optional(),
  allowHazards: z.array(hazard).optional(),
  lockRetries: z.number().int().min(0).max(20).optional(),
  lockRetryDelay: duration.optional(),
  backup: z.boolean().optional(),
  backupDir: z.string().optional(),
  requireCleanStatus: z.boolean().optional(),
});

const configSchema = z.strictObject({
  schema: z.string().optional(),
  migrations: z.string().optional(),
  devUrl: z.string().optional(),
  schemas: z.array(z.string()).optional(),
  excludeSchemas: z.array(z.string()).optional(),
  extensionVersions: z.boolean().optional(),
  /** Manage owners (ALTER … OWNER TO): objects without one in the desired state belong to the applying role. */
  owners: z.boolean().optional(),
  /** Objects of kinds sfm-schema does not manage are an error in plan, diff, status and inspect. */
  strictCoverage: z.boolean().optional(),
  /** Plan breaking changes (column types) online: expand, backfill, contract (docs/zero-downtime.md). */
  online: z.union([z.boolean(), z.literal('auto')]).optional(),
  /** What a plan does with dropped tables and columns: archive (default; rollback brings the rows back) or delete. */
  drops: z.enum(['archive', 'delete']).optional(),
  pgBin: z.string().optional(),
  /** Sizes and lock times above which plan refuses a step (with the table sizes of --url or --stats). */
  limits: z
    .strictObject({
      rewrite: z
        .string()
        .regex(/^\d+(\.\d+)?\s*([kKmMgGtT]?[bB])?$/, 'a size such as 500MB or 1GB')
        .optional(),
      accessExclusive: duration.optional(),
    })
    .optional(),
  environments: z.record(z.string(), environment).optional(),
  /** lint: per rule id, a severity other than its own, or off. */
  lint: z
    .strictObject({
      rules: z.record(z.string(), z.enum(['off', 'error', 'warning', 'note'])).optional(),
    })
    .optional(),
});

export type Config = z.infer<typeof configSchema>;
export type EnvironmentConfig = z.infer<typeof environment>;

/** Replaces ${VAR} and ${VAR:-default}; returns the offset of the first unset variable without a default. */
function interpolate(text: string, env: NodeJS.ProcessEnv): { value: string } | { missing: string; at: number } {
  let missing: { missing: string; at: number } | undefined;
  const value = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (m, name: string, fallback: string | undefined, at: number) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (fallback !== undefined) return fallback;
      missing ??= { missing: name, at };
      return m;
    },
  );
  return missing ?? { value };
}

export function parseConfig(file: string, text: string, env: NodeJS.ProcessEnv = process.env): Config {
  const d = parseLocated(file, text);
  // Interpolate scalar strings in place, so positions stay those of the file.
  const visit = (node: unknown): void => {
    if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const r = interpolate(node.value, env);
      if ('missing' in r)
        throw new LocatedError(
          d.where(node.range[0]),
          `environment variable ${r.missing} is not set (use \${${r.missing}:-default} for a default)`,
        );
      node.value = r.value;
    } else if (isMap(node)) node.items.forEach((i) => visit(i.value));
    else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(d.doc.contents);
  const result = configSchema.safeParse(d.doc.toJS() ?? {});
  if (result.success) return result.data;
  throw issueError(d, result.error, 'config');
}

export function loadConfig(path: string | undefined): Config | undefined {
  const file = path ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (!file) return undefined;
  if (!existsSync(file)) throw new ConfigError(`config file ${file} does not exist`);
  return parseConfig(file, readFileSync(file, 'utf8'));
}

export function environmentOf(config: Config | undefined, name: string): EnvironmentConfig {
  const env = config?.environments?.[name];
  if (!env) {
    const known = Object.keys(config?.environments ?? {});
    throw new ConfigError(
      `environment "${name}" is not defined${config ? ` (defined: ${known.join(', ') || 'none'})` : ': no config file'}`,
    );
  }
  return env;
}
