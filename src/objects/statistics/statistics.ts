// Extended statistics (CREATE STATISTICS): the definition as PostgreSQL prints it, and the statistics target.
// A changed definition re-creates the object (it holds no data: ANALYZE fills it again); a changed target is
// ALTER STATISTICS … SET STATISTICS. A column type change under it is PostgreSQL's to carry (it rebuilds the object
// itself); a dropped column takes the object with it, so a plan re-creates it where the target state keeps it.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { statisticsId, tableId } from '../shared/ids.js';
import { rendered } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface StatisticsObject extends DbObject {
  readonly kind: 'statistics';
  readonly schema: string;
  readonly tableSchema: string;
  readonly table: string;
  /** `CREATE STATISTICS …` as pg_get_statisticsobjdef prints it (names qualified: the search_path is empty). */
  readonly definition: string;
  /** SET STATISTICS; null for the default (-1 before PostgreSQL 17, NULL from 17 on). */
  readonly target: number | null;
  readonly dependsOn: readonly ObjectId[];
  readonly usesColumns: readonly string[];
}

const QUERY = `
SELECT n.nspname AS schema, s.stxname AS name, tn.nspname AS table_schema, t.relname AS table,
  pg_catalog.pg_get_statisticsobjdef(s.oid) AS definition,
  CASE WHEN s.stxstattarget::int >= 0 THEN s.stxstattarget::int END AS target, s.oid::text AS oid
FROM pg_catalog.pg_statistic_ext s
JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
JOIN pg_catalog.pg_class t ON t.oid = s.stxrelid
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_statistic_ext', 's.oid')}`;

interface Row {
  schema: string;
  name: string;
  table_schema: string;
  table: string;
  definition: string;
  target: number | null;
  oid: string;
}

export const statisticsKind: ObjectKind<StatisticsObject> = {
  kind: 'statistics',
  covers: ['statistics object'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'statistics',
      id: statisticsId(r.schema, r.name),
      schema: r.schema,
      name: r.name,
      tableSchema: r.table_schema,
      table: r.table,
      definition: r.definition,
      target: r.target,
      dependsOn: refs.dependsOn([['pg_statistic_ext', r.oid]], statisticsId(r.schema, r.name)),
      usesColumns: refs.columnRefs([['pg_statistic_ext', r.oid]]),
    }));
  },
  dependencies: (s) => [tableId(s.tableSchema, s.table), ...s.dependsOn],
  parent: (s) => tableId(s.tableSchema, s.table),
  columnRefs: (s) => [...s.usesColumns],
  compare(from, to) {
    if (from.definition !== to.definition) return 'recreate';
    if (from.target === to.target) return [];
    return [alterChange(from, to, { type: 'target' }, { after: [], before: [] })];
  },
  render(change) {
    const s = changedObject(change);
    const name = qualify(s.schema, s.name);
    if (change.op === 'drop') return rendered([`DROP STATISTICS ${name}`]);
    const target = `ALTER STATISTICS ${name} SET STATISTICS ${s.target ?? -1}`;
    if (change.op === 'alter') return rendered([target]);
    return rendered(s.target === null ? [s.definition] : [s.definition, target]);
  },
  describe: (c) => `statistics target ${c.from.target ?? 'default'} → ${c.to.target ?? 'default'}`,
};
