// Workflows on the migration files alone, with no database: create, hash, lint.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { withDatabase, type Queryable } from '../db/queryable.js';
import { lintMigration, type LintFinding, type RuleSettings } from '../lint/lint.js';
import { RULES, isRuleId } from '../lint/catalog.js';
import { readMigrations, rehash, requireMigrationsDir, writeMigration } from '../migrations/directory.js';
import { emptyMigration } from '../migrations/format.js';

export type { LintFinding } from '../lint/lint.js';

/** An empty hand-written migration (data or seed steps) with up and down sections. */
export function createMigration(o: { readonly migrationsDir: string; readonly name: string }): {
  path: string;
  version: string;
} {
  if (!/[a-z0-9]/i.test(o.name))
    throw new ConfigError(`create needs a name with letters or digits, got ${JSON.stringify(o.name)}`);
  const f = writeMigration(o.migrationsDir, o.name, emptyMigration());
  return { path: f.path, version: f.version };
}

/** Rewrites the sum file after a deliberate edit of a migration file. */
export function rehashMigrations(o: { readonly migrationsDir: string }): { files: string[] } {
  return { files: rehash(o.migrationsDir).map((f) => f.file) };
}

export interface LintReport {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly findings: readonly LintFinding[];
}

/** Checks the given files, or every migration of the folder: syntax, layout, hazards found in the parse tree. */
export async function lint(o: {
  readonly migrationsDir: string;
  readonly files?: readonly string[];
  /** Severities other than the rules' own, or `off` (config `lint.rules`). */
  readonly rules?: RuleSettings | undefined;
  /** A target to read rows from (read-only): NOT NULLs and keys its data would violate, rows of data steps. */
  readonly url?: string | undefined;
}): Promise<LintReport> {
  const unknown = Object.keys(o.rules ?? {}).filter((r) => !isRuleId(r));
  if (unknown.length)
    throw new ConfigError(
      `lint.rules: not a lint rule: ${unknown.join(', ')} (the rules: ${Object.keys(RULES).join(', ')})`,
    );
  if (!o.files?.length) requireMigrationsDir(o.migrationsDir);
  const paths = o.files?.length ? [...o.files] : readMigrations(o.migrationsDir).map((f) => f.path);
  const findings: LintFinding[] = [];
  // Each file is named as it was given (a relative path stays relative, an absolute one absolute).
  const each = async (db?: Queryable) => {
    for (const path of paths) findings.push(...(await lintMigration(path, readFileSync(path, 'utf8'), o.rules, db)));
  };
  if (o.url) await withDatabase(o.url, each);
  else await each();
  return {
    files: paths.length,
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
