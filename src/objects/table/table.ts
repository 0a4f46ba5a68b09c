// The table kind: ties the query, comparer and renderers of tables together.
import type { AlterObject, ObjectKind } from '../kind.js';
import { unexpected } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { resource } from '../../model/resource.js';
import { columnKey, tableId, relationSlot } from '../shared/ids.js';
import type { DbObject } from '../../model/model.js';
import type { TableObject } from './table-model.js';
import { queryTables, tableDependencies } from './table-query.js';
import { compareColumns, inheritanceMoves, propertiesOf, type TableAction } from './table-compare.js';
import {
  renderColumns,
  renderCreateTable,
  renderDropTable,
  renderInherits,
  renderPartition,
  renderPersistence,
  renderProperties,
} from './table-render.js';
import { sameData } from '../shared/simple.js';
import { archiveTable, archives, restoreTable, tableArchiveBlocker } from './table-archive.js';
import { onlineTableChange } from './online.js';

const parentIds = (t: TableObject) => [
  ...t.inherits.map((p) => tableId(p.schema, p.name)),
  ...(t.partitionOf ? [t.partitionOf.parent] : []),
];

/** The parents a table has on both sides, as they are in `side`. */
function keptParents(from: TableObject, to: TableObject, side: ReadonlyMap<string, DbObject>): TableObject[] {
  const kept = parentIds(from).filter((id) => parentIds(to).includes(id));
  return kept.map((id) => side.get(id)).filter((p): p is TableObject => p?.kind === 'table');
}

export const tableKind: ObjectKind<TableObject, TableAction> = {
  kind: 'table',
  covers: ['table'],
  online: onlineTableChange,
  introspect: queryTables,
  dependencies: tableDependencies,
  compare(from, to, ctx) {
    // A table cannot become partitioned (or stop being) in place.
    if (from.partitionKey !== to.partitionKey) return 'recreate';
    const deps = { after: tableDependencies(to), before: tableDependencies(from) };
    const changes: AlterObject<TableObject, TableAction>[] = [];
    if (!sameData(from.partitionOf, to.partitionOf)) {
      // Leave the old parent before it changes (a column it gains must not reach a table that is leaving), and
      // join the new one after it has its final shape.
      if (from.partitionOf) {
        const parent = from.partitionOf.parent;
        changes.push(
          alterChange(
            from,
            to,
            { type: 'detach' },
            { after: [], before: [parent] },
            { needs: [resource.unaltered(parent)], provides: [resource.detached(from.id)] },
          ),
        );
      }
      if (to.partitionOf) {
        // After the children built for it (which the attach links), and after leaving an old parent.
        const needs = [resource.children(to.id), ...(from.partitionOf ? [resource.detached(from.id)] : [])];
        const uses = { after: [to.partitionOf.parent], before: [] };
        changes.push(alterChange(from, to, { type: 'attach' }, uses, { needs, provides: [resource.attached(to.id)] }));
      }
    }
    if (!sameData(from.inherits, to.inherits)) changes.push(alterChange(from, to, { type: 'inherits' }, deps));
    const moves = inheritanceMoves(from, to, keptParents(from, to, ctx.fromById), keptParents(from, to, ctx.toById));
    if (moves.arriving.length) {
      // Dropped before the parent changes (so that the parent's new column is inherited, not merged).
      const cols = from.columns.filter((c) => moves.arriving.includes(c.name));
      const action = { type: 'columns', drops: cols, adds: [], recreates: [], alters: [] } as const;
      const needs = parentIds(to).map(resource.unaltered);
      changes.push(alterChange(from, to, action, { after: [], before: [] }, { part: 'columns-leaving', needs }));
    }
    // Dependents see a table's new shape: an index on an added column waits for the column.
    const columns = compareColumns(from, to, moves);
    if (columns) changes.push(alterChange(from, to, columns, deps, { visible: true }));
    if (from.unlogged !== to.unlogged) {
      changes.push(alterChange(from, to, { type: 'persistence', unlogged: to.unlogged }, deps));
    }
    if (!sameData(propertiesOf(from), propertiesOf(to)))
      changes.push(alterChange(from, to, { type: 'properties' }, deps));
    return changes;
  },
  rebuiltColumns(change) {
    const action = change.action;
    if (action.type !== 'columns') return [];
    const t = change.to;
    return [...action.drops, ...action.recreates].map((c) => columnKey(t.schema, t.name, c.name));
  },
  retypedColumns(change) {
    const action = change.action;
    if (action.type !== 'columns') return [];
    const t = change.to;
    return action.alters
      .filter((a) => a.from.type !== a.to.type || a.from.collation !== a.to.collation)
      .map((a) => columnKey(t.schema, t.name, a.to.name));
  },
  recreatable: false,
  slot: (t) => relationSlot(t.schema, t.name),
  parent: (t) => t.partitionOf?.parent,
  archiveBlocker: tableArchiveBlocker,
  render(change, ctx) {
    const archive = ctx.archive;
    if (change.op === 'create' && archive && archives(change.id, archive, 'down')) {
      return { statements: [restoreTable(change.object, archive.schema)], hazards: [], usesArchive: true };
    }
    if (change.op === 'drop' && archive && archives(change.id, archive, 'up')) {
      return { statements: [archiveTable(change.object, archive.schema)], hazards: [], usesArchive: true };
    }
    if (change.op === 'create') return renderCreateTable(change.object);
    if (change.op === 'drop') return renderDropTable(change.object);
    const action = change.action;
    const from = change.from;
    const to = change.to;
    switch (action.type) {
      case 'columns':
        return renderColumns(to, action, ctx);
      case 'persistence':
        return renderPersistence(to, action);
      case 'properties':
        return renderProperties(from, to);
      case 'detach':
        return renderPartition(from, { ...to, partitionOf: null }, ctx);
      case 'attach':
        return renderPartition({ ...from, partitionOf: null }, to);
      case 'inherits':
        return renderInherits(from, to);
      default:
        return unexpected(change);
    }
  },
  describe(change) {
    const action = change.action;
    if (action.type !== 'columns') return action.type;
    const names = (what: string, cols: readonly { name: string }[]) =>
      cols.length ? [`${what} ${cols.map((c) => c.name).join(', ')}`] : [];
    return [
      ...names('column added:', action.adds),
      ...names('column dropped:', action.drops),
      ...names('column changed:', [...action.recreates, ...action.alters.map((a) => a.to)]),
    ].join('; ');
  },
  normalize: (t) => ({
    ...t,
    columns: [...t.columns]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      // Settings at their defaults are left out, so hashes recorded before they were read stay valid.
      .map(({ using: _using, statistics, compression, ...c }) => ({
        ...c,
        storage: c.storageIsDefault ? null : c.storage,
        ...(statistics === null ? {} : { statistics }),
        ...(compression === null ? {} : { compression }),
      })),
  }),
};
