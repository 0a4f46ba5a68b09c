// Views and materialized views. Dependencies come from pg_depend through the view's rewrite rule, never from
// the query text. A plain view whose columns only grow keeps its identity (CREATE OR REPLACE); anything else,
// and every change to a materialized view, re-creates it, and the differ re-creates its dependents with it.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import { type DbObject, type ObjectId, isKind } from '../../model/model.js';
import { qualify } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, relationSlot, viewId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface ViewObject extends DbObject {
  readonly kind: 'view';
  readonly schema: string;
  readonly materialized: boolean;
  readonly definition: string;
  readonly options: readonly string[];
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly dependsOn: readonly ObjectId[];
  readonly usesColumns: readonly string[];
}

export const isView = isKind<ViewObject>('view');

const QUERY = `
WITH v AS MATERIALIZED (
  SELECT c.oid, c.relname, c.relkind, c.reloptions, n.nspname FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm') AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
),
cols AS (
  SELECT a.attrelid, json_agg(json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod))
    ORDER BY a.attnum) AS columns
  FROM v JOIN pg_catalog.pg_attribute a ON a.attrelid = v.oid AND a.attnum > 0 AND NOT a.attisdropped
  GROUP BY a.attrelid
)
SELECT v.nspname AS schema, v.relname AS name, v.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(v.oid) AS definition, coalesce(v.reloptions, '{}') AS options,
  coalesce(cols.columns, '[]'::json) AS columns, v.oid::text AS oid, coalesce(r.oid::text, '0') AS rule
FROM v
LEFT JOIN cols ON cols.attrelid = v.oid
LEFT JOIN pg_catalog.pg_rewrite r ON r.ev_class = v.oid AND r.rulename = '_RETURN'`;

interface Row {
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
  options: string[];
  columns: { name: string; type: string }[];
  oid: string;
  rule: string;
}

/** CREATE OR REPLACE VIEW may only add columns at the end, keeping the old ones' names and types. */
function replaceable(from: ViewObject, to: ViewObject): boolean {
  return (
    !from.materialized &&
    !to.materialized &&
    sameData(from.options, to.options) &&
    from.columns.length <= to.columns.length &&
    from.columns.every((c, i) => sameData(c, to.columns[i]))
  );
}

const body = (v: ViewObject) => v.definition.trim().replace(/;\s*$/, '');

export const viewKind: ObjectKind<ViewObject> = {
  kind: 'view',
  covers: ['view', 'materialized view'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = viewId(r.schema, r.name);
      return {
        kind: 'view',
        id,
        schema: r.schema,
        name: r.name,
        materialized: r.materialized,
        definition: r.definition,
        options: [...r.options].sort(),
        columns: r.columns,
        dependsOn: refs.dependsOn([['pg_rewrite', r.rule]], id),
        usesColumns: refs.columnRefs([['pg_rewrite', r.rule]], r.oid),
      };
    });
  },
  dependencies: (v) => [schemaId(v.schema), ...v.dependsOn],
  columnRefs: (v) => [...v.usesColumns],
  dependsOnColumnTypes: true,
  slot: (v) => relationSlot(v.schema, v.name),
  compare(from, to) {
    if (from.materialized === to.materialized && body(from) === body(to) && sameData(from.options, to.options))
      return [];
    if (!replaceable(from, to)) return 'recreate';
    return [
      alterChange(from, to, { type: 'replace' }, { after: viewKind.dependencies(to), before: [] }, { visible: true }),
    ];
  },
  render(change) {
    const v = changedObject(change);
    const name = qualify(v.schema, v.name);
    const what = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
    if (change.op === 'drop') return rendered([`DROP ${what} ${name}`]);
    const opts = v.options.length ? ` WITH (${v.options.join(', ')})` : '';
    const verb = change.op === 'alter' ? 'CREATE OR REPLACE' : 'CREATE';
    return rendered([`${verb} ${what} ${name}${opts} AS\n${body(v)}`]);
  },
};
