// Triggers (including constraint triggers) on tables. A definition change re-creates the trigger; the enabled
// state (enabled, disabled, replica, always) is altered in place.
import { tableOrViewIdSql, triggerId } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { statedKind, type StatedObject } from '../shared/stated.js';

/** `usesColumns`: the columns named in UPDATE OF or WHEN. */
export interface TriggerObject extends StatedObject {
  readonly kind: 'trigger';
}

const QUERY = `
SELECT n.nspname AS schema, c.relname AS table, t.tgname AS name, pg_catalog.pg_get_triggerdef(t.oid) AS definition,
  t.tgenabled AS enabled, ${tableOrViewIdSql()} AS owner,
  t.oid::text AS oid
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

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
  ...statedKind<TriggerObject>('TRIGGER'),
};
