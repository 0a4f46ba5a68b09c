// Foreign tables (CREATE FOREIGN TABLE), partitions of a partitioned table among them. They hold no local rows, so
// a change of server, columns or checks re-creates the table (with what uses it); table options change in place.
// They share the table id space: grants, comments and triggers on them find them by the id pg_depend gives.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { relationSlot, schemaId, serverId, tableId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { optionsChange, optionsClause } from './options.js';

interface ForeignColumn {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly default: string | null;
  /** `COLLATE …` as the server names the collation, when it is not the type's. */
  readonly collation: string | null;
  readonly options: readonly string[];
}

export interface ForeignTableObject extends DbObject {
  readonly kind: 'foreign_table';
  readonly schema: string;
  readonly server: string;
  readonly options: readonly string[];
  readonly columns: readonly ForeignColumn[];
  /** CHECK constraints: name and pg_get_constraintdef, sorted by name. */
  readonly checks: readonly { readonly name: string; readonly definition: string }[];
  /** A partition: its parent and bound. */
  readonly partitionOf: { readonly schema: string; readonly table: string; readonly bound: string } | null;
  readonly dependsOn: readonly ObjectId[];
}

// The search_path is empty (introspect.ts): format_type and pg_get_expr qualify every name outside pg_catalog.
const QUERY = `
SELECT n.nspname AS schema, c.relname AS name, s.srvname AS server, coalesce(ft.ftoptions, '{}') AS options,
  coalesce((SELECT json_agg(json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'notNull', a.attnotnull, 'default', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
      'collation', CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END,
      'options', coalesce(a.attfdwoptions, '{}')) ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND (NOT c.relispartition OR a.attislocal)),
    '[]') AS columns,
  coalesce((SELECT json_agg(json_build_object('name', k.conname, 'definition', pg_catalog.pg_get_constraintdef(k.oid))
      ORDER BY k.conname) FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c' AND k.conislocal),
    '[]') AS checks,
  CASE WHEN c.relispartition THEN (SELECT json_build_object('schema', pn.nspname, 'table', p.relname,
      'bound', pg_catalog.pg_get_expr(c.relpartbound, c.oid))
    FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
    JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid) END AS partition_of,
  c.oid::text AS oid
FROM pg_catalog.pg_foreign_table ft
JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

function columnSql(c: ForeignColumn): string {
  const collate = c.collation ? ` COLLATE ${c.collation}` : '';
  const notNull = c.notNull ? ' NOT NULL' : '';
  const dflt = c.default !== null ? ` DEFAULT ${c.default}` : '';
  return `${quoteIdent(c.name)} ${c.type}${optionsClause(c.options)}${collate}${notNull}${dflt}`;
}

const shape = (t: ForeignTableObject) => [t.server, t.columns, t.checks, t.partitionOf];

export const foreignTableKind: ObjectKind<ForeignTableObject> = {
  kind: 'foreign_table',
  covers: ['foreign table'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      schema: string;
      name: string;
      server: string;
      options: string[];
      columns: ForeignColumn[];
      checks: ForeignTableObject['checks'];
      partition_of: ForeignTableObject['partitionOf'];
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.map(({ oid, partition_of, ...r }) => {
      const id = tableId(r.schema, r.name);
      return {
        kind: 'foreign_table',
        id,
        ...r,
        partitionOf: partition_of,
        dependsOn: refs.dependsOn([['pg_class', oid]], id),
      };
    });
  },
  dependencies: (t) => [
    schemaId(t.schema),
    serverId(t.server),
    ...(t.partitionOf ? [tableId(t.partitionOf.schema, t.partitionOf.table)] : []),
    ...t.dependsOn,
  ],
  slot: (t) => relationSlot(t.schema, t.name),
  compare(from, to) {
    if (!sameData(shape(from), shape(to))) return 'recreate';
    if (sameData(from.options, to.options)) return [];
    return [alterChange(from, to, { type: 'options' }, { after: [], before: [] })];
  },
  render(change) {
    const t = changedObject(change);
    const name = qualify(t.schema, t.name);
    if (change.op === 'drop') return rendered([`DROP FOREIGN TABLE ${name}`]);
    if (change.op === 'alter')
      return rendered([`ALTER FOREIGN TABLE ${name}${optionsChange(change.from.options, t.options)}`]);
    const server = ` SERVER ${quoteIdent(t.server)}${optionsClause(t.options)}`;
    const checks = t.checks.map((k) => `CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`);
    if (t.partitionOf) {
      const parent = qualify(t.partitionOf.schema, t.partitionOf.table);
      // Its columns are the parent's.
      const body = checks.length ? ` (${checks.join(', ')})` : '';
      return rendered([`CREATE FOREIGN TABLE ${name} PARTITION OF ${parent}${body} ${t.partitionOf.bound}${server}`]);
    }
    const body = [...t.columns.map(columnSql), ...checks].join(',\n  ');
    return rendered([`CREATE FOREIGN TABLE ${name} (\n  ${body}\n)${server}`]);
  },
};
