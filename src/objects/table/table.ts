// The table kind: ties the query, comparer and renderers of tables together.
import type { AlterObject, ObjectKind } from '../kind.js';
import { alterChange, unexpected } from '../shared/simple.js';
import { columnKey } from '../shared/ids.js';
import type { TableObject } from './table-model.js';
import { queryTables, tableDependencies } from './table-query.js';
import { compareColumns, type TableColumnsAction, type TablePersistenceAction } from './table-compare.js';
import { renderColumns, renderCreateTable, renderDropTable, renderPersistence } from './table-render.js';

export const tableKind: ObjectKind<TableObject> = {
  kind: 'table',
  introspect: queryTables,
  dependencies: tableDependencies,
  compare(from, to) {
    const deps = { after: tableDependencies(to), before: tableDependencies(from) };
    const changes: AlterObject[] = [];
    // Dependents see a table's new shape: an index on an added column waits for the column.
    const columns = compareColumns(from, to);
    if (columns) changes.push({ ...alterChange(from, to, columns, deps), visibleToDependents: true });
    if (from.unlogged !== to.unlogged) {
      changes.push(alterChange(from, to, { type: 'persistence', unlogged: to.unlogged } satisfies TablePersistenceAction, deps));
    }
    return changes;
  },
  rebuiltColumns(change) {
    const action = change.action as TableColumnsAction | TablePersistenceAction;
    if (action.type !== 'columns') return [];
    const t = change.to as TableObject;
    return [...action.drops, ...action.recreates].map((c) => columnKey(t.schema, t.name, c.name));
  },
  retypedColumns(change) {
    const action = change.action as TableColumnsAction | TablePersistenceAction;
    if (action.type !== 'columns') return [];
    const t = change.to as TableObject;
    return action.alters.filter((a) => a.from.type !== a.to.type || a.from.collation !== a.to.collation)
      .map((a) => columnKey(t.schema, t.name, a.to.name));
  },
  recreatable: false,
  slot: (t) => `rel:${t.schema}.${t.name}`,
  render(change) {
    if (change.op === 'create') return renderCreateTable(change.object as TableObject);
    if (change.op === 'drop') return renderDropTable(change.object as TableObject);
    const action = change.action as TableColumnsAction | TablePersistenceAction;
    if (action.type === 'columns') return renderColumns(change.to as TableObject, action);
    if (action.type === 'persistence') return renderPersistence(change.to as TableObject, action);
    return unexpected(change);
  },
  normalize: (t) => ({ ...t, columns: [...t.columns].sort((a, b) => (a.name < b.name ? -1 : 1)) }),
};
