// Row-level security policies. Roles and expressions change in place (ALTER POLICY); the command, the
// permissive/restrictive kind, or removing a USING / WITH CHECK clause re-creates the policy.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { tableId, policyId } from '../shared/ids.js';
import { rendered } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface PolicyObject extends DbObject {
  readonly kind: 'policy';
  readonly schema: string;
  readonly table: string;
  readonly permissive: boolean;
  readonly command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  /** Role names, sorted; `PUBLIC` for everyone. */
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
  readonly dependsOn: readonly ObjectId[];
  /** Columns its expressions use: PostgreSQL refuses to change their type under the policy. */
  readonly usesColumns: readonly string[];
}

const QUERY = `
SELECT n.nspname AS schema, c.relname AS table, p.polname AS name, p.polpermissive AS permissive,
  CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
  coalesce(roles.names, '{}') AS roles,
  pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
  p.oid::text AS oid
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
-- The roles of every policy, named in one pass (0 is PUBLIC).
LEFT JOIN (
  SELECT x.oid, array_agg(CASE WHEN x.r = 0 THEN 'PUBLIC' ELSE ro.rolname::text END ORDER BY CASE WHEN x.r = 0 THEN 'PUBLIC'
    ELSE ro.rolname::text END) AS names
  FROM (SELECT po.oid, unnest(po.polroles) AS r FROM pg_catalog.pg_policy po) x
  LEFT JOIN pg_catalog.pg_roles ro ON ro.oid = x.r
  GROUP BY x.oid
) roles ON roles.oid = p.oid
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

interface Row {
  schema: string;
  table: string;
  name: string;
  permissive: boolean;
  command: PolicyObject['command'];
  roles: string[];
  using: string | null;
  with_check: string | null;
  oid: string;
}

const roleList = (roles: readonly string[]) => roles.map((r) => (r === 'PUBLIC' ? 'PUBLIC' : quoteIdent(r))).join(', ');

export const policyKind: ObjectKind<PolicyObject> = {
  kind: 'policy',
  covers: ['policy'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'policy',
      id: policyId(r.schema, r.table, r.name),
      schema: r.schema,
      table: r.table,
      name: r.name,
      permissive: r.permissive,
      command: r.command,
      roles: r.roles,
      using: r.using,
      withCheck: r.with_check,
      dependsOn: refs.dependsOn([['pg_policy', r.oid]], tableId(r.schema, r.table)),
      usesColumns: refs.columnRefs([['pg_policy', r.oid]]),
    }));
  },
  dependencies: (p) => [tableId(p.schema, p.table), ...p.dependsOn],
  parent: (p) => tableId(p.schema, p.table),
  columnRefs: (p) => [...p.usesColumns],
  dependsOnColumnTypes: true,
  compare(from, to) {
    const same = from.roles.join() === to.roles.join() && from.using === to.using && from.withCheck === to.withCheck;
    if (from.permissive === to.permissive && from.command === to.command && same) return [];
    if (
      from.permissive !== to.permissive ||
      from.command !== to.command ||
      (from.using !== null && to.using === null) ||
      (from.withCheck !== null && to.withCheck === null)
    )
      return 'recreate';
    return [alterChange(from, to, { type: 'alter' }, { after: policyKind.dependencies(to), before: [] })];
  },
  render(change) {
    const p = changedObject(change);
    const on = `${quoteIdent(p.name)} ON ${qualify(p.schema, p.table)}`;
    if (change.op === 'drop') return rendered([`DROP POLICY ${on}`]);
    const clauses = `${p.using !== null ? ` USING (${p.using})` : ''}${p.withCheck !== null ? ` WITH CHECK (${p.withCheck})` : ''}`;
    if (change.op === 'alter') return rendered([`ALTER POLICY ${on} TO ${roleList(p.roles)}${clauses}`]);
    return rendered([
      `CREATE POLICY ${on} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${roleList(p.roles)}${clauses}`,
    ]);
  },
};
