// Range types. Any change re-creates the type (PostgreSQL has no ALTER for a range's definition).
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, typeId, relationSlot } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';

export interface RangeObject extends DbObject {
  readonly kind: 'range';
  readonly schema: string;
  readonly subtype: string;
  /** [schema, name] of the operator class when not the subtype's default, and of a non-default collation. */
  readonly opclass: readonly [string, string] | null;
  readonly collation: readonly [string, string] | null;
  readonly canonical: string | null;
  readonly subtypeDiff: string | null;
  readonly multirange: readonly [string, string] | null;
  readonly dependsOn: readonly ObjectId[];
}

const QUERY = `
SELECT n.nspname AS schema, t.typname AS name, pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
  CASE WHEN NOT oc.opcdefault THEN ARRAY[ocn.nspname::text, oc.opcname::text] END AS opclass,
  CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN (SELECT ARRAY[cn.nspname::text, co.collname::text]
    FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid =
      r.rngcollation) END AS collation,
  NULLIF(r.rngcanonical::regproc::text, '-') AS canonical, NULLIF(r.rngsubdiff::regproc::text, '-') AS subtype_diff,
  (SELECT ARRAY[mn.nspname::text, mt.typname::text] FROM pg_catalog.pg_type mt JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace
    WHERE mt.oid = r.rngmultitypid) AS multirange,
  t.oid::text AS oid
FROM pg_catalog.pg_range r
JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
JOIN pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc
JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}`;

interface Row {
  schema: string;
  name: string;
  subtype: string;
  opclass: [string, string] | null;
  collation: [string, string] | null;
  canonical: string | null;
  subtype_diff: string | null;
  multirange: [string, string] | null;
  oid: string;
}

export const rangeKind: ObjectKind<RangeObject> = {
  kind: 'range',
  covers: ['range type'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'range',
      id: typeId(r.schema, r.name),
      schema: r.schema,
      name: r.name,
      subtype: r.subtype,
      opclass: r.opclass,
      collation: r.collation,
      canonical: r.canonical,
      subtypeDiff: r.subtype_diff,
      multirange: r.multirange,
      dependsOn: refs.dependsOn([['pg_type', r.oid]]),
    }));
  },
  dependencies: (r) => [schemaId(r.schema), ...r.dependsOn],
  slot: (r) => relationSlot(r.schema, r.name),
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  render(change) {
    const r = changedObject(change);
    const name = qualify(r.schema, r.name);
    if (change.op === 'drop') return rendered([`DROP TYPE ${name}`]);
    const opts = [`SUBTYPE = ${r.subtype}`];
    if (r.opclass) opts.push(`SUBTYPE_OPCLASS = ${qualify(...r.opclass)}`);
    if (r.collation) opts.push(`COLLATION = ${qualify(...r.collation)}`);
    if (r.canonical) opts.push(`CANONICAL = ${r.canonical}`);
    if (r.subtypeDiff) opts.push(`SUBTYPE_DIFF = ${r.subtypeDiff}`);
    if (r.multirange) opts.push(`MULTIRANGE_TYPE_NAME = ${qualify(...r.multirange)}`);
    return rendered([`CREATE TYPE ${name} AS RANGE (${opts.join(', ')})`]);
  },
};
