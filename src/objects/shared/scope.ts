// The one schema filter every catalog query uses. Parameters: $1 = included schemas (or null), $2 = excluded schemas.
import type { Scope } from '../../model/scope.js';

const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'sfm_schema'];

/** Archives of dropped tables and columns (`sfm_archive_<version>`) are not schema: never read, never planned. */
const ARCHIVE_SCHEMA_PATTERN = 'sfm\\_archive\\_%';

export function schemaFilter(column: string): string {
  return `(${column} <> ALL($2::text[]) AND ${column} NOT LIKE 'pg\\_%' AND ${column} <> 'information_schema'
    AND ${column} NOT LIKE '${ARCHIVE_SCHEMA_PATTERN}'
    AND ($1::text[] IS NULL OR ${column} = ANY($1::text[])))`;
}

/** `NOT EXISTS` clause skipping objects that belong to an extension. */
export function notFromExtension(classTable: string, oidColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dx WHERE dx.classid = '${classTable}'::regclass
    AND dx.objid = ${oidColumn} AND dx.deptype = 'e')`;
}

export function scopeParams(scope: Scope): [string[] | null, string[]] {
  return [scope.schemas ? [...scope.schemas] : null, [...SYSTEM_SCHEMAS, ...scope.excludeSchemas]];
}

/** `NOT EXISTS` clause skipping objects that exist only as part of another (a range type's constructors). */
export function notInternal(classTable: string, oidColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend di WHERE di.classid = '${classTable}'::regclass
    AND di.objid = ${oidColumn} AND di.deptype = 'i')`;
}
