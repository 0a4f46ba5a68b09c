// The sizes of a target's tables: read from its catalog (pg_class.reltuples, pg_total_relation_size), or from a
// statistics file that `sfm-schema stats` wrote, so CI can plan with production's sizes but without its credentials.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Queryable } from '../db/queryable.js';
import { ConfigError, messageOf } from '../errors.js';
import type { Scope } from '../model/scope.js';
import { schemaFilter, scopeParams } from '../objects/shared/scope.js';

interface TableSize {
  /** Estimated rows (the planner's reltuples; 0 for a table never analyzed or vacuumed). */
  readonly rows: number;
  /** Table, TOAST and indexes. */
  readonly bytes: number;
}

export interface TableStats {
  readonly format: 1;
  /** The server the sizes were read on (server_version_num). */
  readonly server: string;
  /** `schema.table` → size; a partitioned table counts its partitions. */
  readonly tables: Readonly<Record<string, TableSize>>;
}

const fileSchema = z.strictObject({
  format: z.literal(1),
  server: z.string(),
  tables: z.record(z.string(), z.strictObject({ rows: z.number().min(0), bytes: z.number().min(0) })),
});

// One query: leaves carry their own sizes, a partitioned table the sum of its partition tree's leaves.
const SIZES = `
SELECT n.nspname || '.' || c.relname AS name,
  CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(l.reltuples, 0)), 0) FROM pg_catalog.pg_partition_tree(c.oid) t
    JOIN pg_catalog.pg_class l ON l.oid = t.relid WHERE t.isleaf) ELSE greatest(c.reltuples, 0) END::float8 AS rows,
  CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_catalog.pg_total_relation_size(t.relid)), 0)
    FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_catalog.pg_total_relation_size(c.oid) END::float8 AS bytes,
  current_setting('server_version_num') AS server
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND ${schemaFilter('n.nspname')}`;

export async function readStats(db: Queryable, scope: Scope): Promise<TableStats> {
  const rows = await db.query<{ name: string; rows: number; bytes: number; server: string }>(SIZES, scopeParams(scope));
  const server =
    rows[0]?.server ?? (await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`))[0]?.v ?? '';
  return {
    format: 1,
    server,
    tables: Object.fromEntries(rows.map((r) => [r.name, { rows: Math.round(r.rows), bytes: r.bytes }])),
  };
}

export function loadStats(file: string): TableStats {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: not a statistics file: ${messageOf(err)}`, { cause: err });
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success)
    throw new ConfigError(
      `${file}: not a statistics file (sfm-schema stats writes one): ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}
