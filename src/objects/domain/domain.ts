// Domains: base type, default, NOT NULL, collation and named CHECK constraints, altered in place; a new base
// type re-creates the domain. Its dependencies include those of its CHECKs (a function a CHECK calls), which
// pg_depend records against the constraint, not the type.
import type { CatalogRow } from '../shared/depends.js';
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import { isKind, type DbObject, type ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, typeId, relationSlot } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface DomainObject extends DbObject {
  readonly kind: 'domain';
  readonly schema: string;
  readonly baseType: string;
  /** [schema, name] of a collation other than the base type's. */
  readonly collation: readonly [string, string] | null;
  readonly default: string | null;
  readonly notNull: boolean;
  /** name → definition (`CHECK (…)`, possibly `NOT VALID`), sorted by name. */
  readonly checks: readonly { readonly name: string; readonly definition: string }[];
  readonly dependsOn: readonly ObjectId[];
}

export const isDomain = isKind<DomainObject>('domain');

// Set-based: the domains in scope first, then their constraints aggregated in one pass.
const QUERY = `
WITH d AS MATERIALIZED (
  SELECT t.oid, t.typname, t.typbasetype, t.typtypmod, t.typcollation, t.typdefault, t.typnotnull, n.nspname,
    bt.typcollation AS base_collation
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
  WHERE t.typtype = 'd' AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
),
cons AS (
  SELECT k.contypid,
    coalesce(json_agg(json_build_object('name', k.conname, 'definition', pg_catalog.pg_get_constraintdef(k.oid)) ORDER BY k.conname)
      FILTER (WHERE k.contype = 'c'), '[]'::json) AS checks,
    -- What a CHECK calls, pg_depend records against the constraint, not the type.
    array_agg(k.oid::text) AS constraints
  FROM d JOIN pg_catalog.pg_constraint k ON k.contypid = d.oid
  GROUP BY k.contypid
)
SELECT d.nspname AS schema, d.typname AS name, pg_catalog.format_type(d.typbasetype, d.typtypmod) AS base_type,
  CASE WHEN d.typcollation <> d.base_collation THEN ARRAY[cn.nspname::text, co.collname::text] END AS collation,
  d.typdefault AS default, d.typnotnull AS not_null, coalesce(cons.checks, '[]'::json) AS checks, d.oid::text AS oid,
  coalesce(cons.constraints, '{}') AS constraints
FROM d
LEFT JOIN cons ON cons.contypid = d.oid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = d.typcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace`;

interface Row {
  schema: string;
  name: string;
  base_type: string;
  collation: [string, string] | null;
  default: string | null;
  not_null: boolean;
  checks: { name: string; definition: string }[];
  oid: string;
  constraints: string[];
}

export const domainKind: ObjectKind<DomainObject> = {
  kind: 'domain',
  covers: ['domain'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = typeId(r.schema, r.name);
      const own: CatalogRow[] = [['pg_type', r.oid], ...r.constraints.map((k): CatalogRow => ['pg_constraint', k])];
      return {
        kind: 'domain',
        id,
        schema: r.schema,
        name: r.name,
        baseType: r.base_type,
        collation: r.collation,
        default: r.default,
        notNull: r.not_null,
        checks: r.checks,
        dependsOn: refs.dependsOn(own, id),
      };
    });
  },
  dependencies: (d) => [schemaId(d.schema), ...d.dependsOn],
  slot: (d) => relationSlot(d.schema, d.name),
  compare(from, to) {
    if (from.baseType !== to.baseType || !sameData(from.collation, to.collation)) return 'recreate';
    if (sameData(from, to)) return [];
    return [
      alterChange(from, to, { type: 'alter' }, { after: domainKind.dependencies(to), before: [] }, { visible: true }),
    ];
  },
  render(change) {
    const d = changedObject(change);
    const name = qualify(d.schema, d.name);
    if (change.op === 'drop') return rendered([`DROP DOMAIN ${name}`]);
    if (change.op === 'create') {
      const parts = [`CREATE DOMAIN ${name} AS ${d.baseType}`];
      if (d.collation) parts.push(`COLLATE ${qualify(...d.collation)}`);
      if (d.default !== null) parts.push(`DEFAULT ${d.default}`);
      if (d.notNull) parts.push('NOT NULL');
      for (const c of d.checks) parts.push(`CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
      return rendered([parts.join(' ')]);
    }
    const from = change.from;
    const out: string[] = [];
    const alter = `ALTER DOMAIN ${name}`;
    for (const c of from.checks) {
      if (!d.checks.some((x) => sameData(x, c))) out.push(`${alter} DROP CONSTRAINT ${quoteIdent(c.name)}`);
    }
    if (from.default !== d.default)
      out.push(d.default === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${d.default}`);
    if (from.notNull !== d.notNull) out.push(`${alter} ${d.notNull ? 'SET' : 'DROP'} NOT NULL`);
    for (const c of d.checks) {
      if (!from.checks.some((x) => sameData(x, c)))
        out.push(`${alter} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
    }
    return rendered(out, d.notNull && !from.notNull ? ['ACCESS_EXCLUSIVE_LOCK'] : []);
  },
};
