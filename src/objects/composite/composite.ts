// Composite types (CREATE TYPE … AS (…)): attributes are added, dropped and re-typed in place.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, typeId, relationSlot } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

interface Attribute {
  readonly name: string;
  readonly type: string;
  /** [schema, name] of a collation other than the type's. */
  readonly collation: readonly [string, string] | null;
}

export interface CompositeObject extends DbObject {
  readonly kind: 'composite';
  readonly schema: string;
  readonly attributes: readonly Attribute[];
  readonly dependsOn: readonly ObjectId[];
}

// Set-based: the types in scope first, then their attributes aggregated in one pass.
const QUERY = `
WITH ct AS MATERIALIZED (
  SELECT t.oid, t.typname, t.typrelid, n.nspname FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
  WHERE t.typtype = 'c' AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
),
attrs AS (
  SELECT a.attrelid, json_agg(json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'collation', CASE WHEN a.attcollation <> at.typcollation THEN ARRAY[cn.nspname::text, co.collname::text] END) ORDER BY
        a.attnum) AS attributes
  FROM ct JOIN pg_catalog.pg_attribute a ON a.attrelid = ct.typrelid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
  GROUP BY a.attrelid
)
SELECT ct.nspname AS schema, ct.typname AS name, coalesce(attrs.attributes, '[]'::json) AS attributes, ct.typrelid::text AS relid
FROM ct LEFT JOIN attrs ON attrs.attrelid = ct.typrelid`;

const collate = (a: Attribute) => (a.collation ? ` COLLATE ${qualify(...a.collation)}` : '');

export const compositeKind: ObjectKind<CompositeObject> = {
  kind: 'composite',
  covers: ['composite type'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{ schema: string; name: string; attributes: Attribute[]; relid: string }>(
      QUERY,
      scopeParams(scope),
    );
    return rows.map((r) => {
      const id = typeId(r.schema, r.name);
      return {
        kind: 'composite',
        id,
        schema: r.schema,
        name: r.name,
        attributes: r.attributes,
        dependsOn: refs.dependsOn([['pg_class', r.relid]], id),
      };
    });
  },
  dependencies: (c) => [schemaId(c.schema), ...c.dependsOn],
  slot: (c) => relationSlot(c.schema, c.name),
  compare(from, to) {
    if (sameData(from.attributes, to.attributes)) return [];
    return [
      alterChange(
        from,
        to,
        { type: 'attributes' },
        { after: compositeKind.dependencies(to), before: [] },
        { visible: true },
      ),
    ];
  },
  render(change) {
    const c = changedObject(change);
    const name = qualify(c.schema, c.name);
    if (change.op === 'drop') return rendered([`DROP TYPE ${name}`]);
    if (change.op === 'create') {
      return rendered([
        `CREATE TYPE ${name} AS (${c.attributes.map((a) => `${quoteIdent(a.name)} ${a.type}${collate(a)}`).join(', ')})`,
      ]);
    }
    const from = change.from;
    const out: string[] = [];
    for (const a of from.attributes)
      if (!c.attributes.some((x) => x.name === a.name))
        out.push(`ALTER TYPE ${name} DROP ATTRIBUTE ${quoteIdent(a.name)}`);
    for (const a of c.attributes) {
      const old = from.attributes.find((x) => x.name === a.name);
      if (!old) out.push(`ALTER TYPE ${name} ADD ATTRIBUTE ${quoteIdent(a.name)} ${a.type}${collate(a)}`);
      else if (!sameData(old, a))
        out.push(`ALTER TYPE ${name} ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${a.type}${collate(a)}`);
    }
    return rendered(out);
  },
};
