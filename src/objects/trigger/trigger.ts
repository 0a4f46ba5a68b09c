// Triggers (including constraint triggers) on tables. A definition change re-creates the trigger; the enabled
// state (enabled, disabled, replica, always) is altered in place.
import { idPartsSql, triggerId } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { rendered } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface TriggerObject extends DbObject {
  readonly kind: 'trigger';
  readonly schema: string;
  readonly table: string;
  readonly owner: ObjectId;
  readonly definition: string;
  readonly enabled: 'O' | 'D' | 'R' | 'A';
  readonly dependsOn: readonly ObjectId[];
  /** Columns named in UPDATE OF or WHEN: PostgreSQL refuses to change their type under the trigger. */
  readonly usesColumns: readonly string[];
}

const QUERY = `
SELECT n.nspname AS schema, c.relname AS table, t.tgname AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled AS enabled, CASE WHEN c.relkind IN ('v', 'm') THEN 'view:' ELSE 'table:' END ||
    ${idPartsSql('n.nspname', 'c.relname')} AS owner,
  t.oid::text AS oid
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

const STATE: Record<TriggerObject['enabled'], string> = {
  O: 'ENABLE',
  D: 'DISABLE',
  R: 'ENABLE REPLICA',
  A: 'ENABLE ALWAYS',
};

export const triggerKind: ObjectKind<TriggerObject> = {
  kind: 'trigger',
  covers: ['trigger'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      schema: string;
      table: string;
      name: string;
      definition: string;
      enabled: TriggerObject['enabled'];
      owner: string;
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'trigger',
      id: triggerId(r.schema, r.table, r.name),
      schema: r.schema,
      table: r.table,
      name: r.name,
      owner: r.owner,
      definition: r.definition,
      enabled: r.enabled,
      dependsOn: refs.dependsOn([['pg_trigger', r.oid]]),
      usesColumns: refs.columnRefs([['pg_trigger', r.oid]]),
    }));
  },
  dependencies: (t) => [t.owner, ...t.dependsOn],
  parent: (t) => t.owner,
  columnRefs: (t) => [...t.usesColumns],
  dependsOnColumnTypes: true,
  compare(from, to) {
    if (from.definition !== to.definition) return 'recreate';
    if (from.enabled === to.enabled) return [];
    return [alterChange(from, to, { type: 'enabled' }, { after: [], before: [] })];
  },
  render(change) {
    const t = changedObject(change);
    const on = qualify(t.schema, t.table);
    if (change.op === 'drop') return rendered([`DROP TRIGGER ${quoteIdent(t.name)} ON ${on}`]);
    const state = `ALTER TABLE ${on} ${STATE[t.enabled]} TRIGGER ${quoteIdent(t.name)}`;
    if (change.op === 'alter') return rendered([state]);
    return rendered(t.enabled === 'O' ? [t.definition] : [t.definition, state]);
  },
};
