// Event triggers (database-wide; managed when their function's schema is in scope). Needs a superuser to apply.
import { idPartsSql, objectId } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { ENABLED_STATE } from '../shared/stated.js';

export interface EventTriggerObject extends DbObject {
  readonly kind: 'event_trigger';
  readonly event: string;
  readonly tags: readonly string[];
  /** Our id of the function, and its qualified name for SQL. */
  readonly functionId: string;
  readonly functionSchema: string;
  readonly functionName: string;
  readonly enabled: 'O' | 'D' | 'R' | 'A';
}

const QUERY = `
SELECT e.evtname AS name, e.evtevent AS event, coalesce(e.evttags, '{}') AS tags, e.evtenabled AS enabled,
  n.nspname AS function_schema, p.proname AS function_name,
  'function:' || ${idPartsSql('n.nspname', 'p.proname')} || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) ||
    ')' AS function_id
FROM pg_catalog.pg_event_trigger e
JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_event_trigger', 'e.oid')}`;

export const eventTriggerKind: ObjectKind<EventTriggerObject> = {
  kind: 'event_trigger',
  covers: ['event trigger'],
  async introspect(db, scope) {
    const rows = await db.query<{
      name: string;
      event: string;
      tags: string[];
      enabled: EventTriggerObject['enabled'];
      function_schema: string;
      function_name: string;
      function_id: string;
    }>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'event_trigger',
      id: objectId('event_trigger', r.name),
      name: r.name,
      event: r.event,
      tags: r.tags,
      functionId: r.function_id,
      functionSchema: r.function_schema,
      functionName: r.function_name,
      enabled: r.enabled,
    }));
  },
  dependencies: (e) => [e.functionId],
  compare(from, to) {
    const { enabled: _a, ...f } = from;
    const { enabled: _b, ...t } = to;
    if (!sameData(f, t)) return 'recreate';
    return from.enabled === to.enabled ? [] : [alterChange(from, to, { type: 'enabled' }, { after: [], before: [] })];
  },
  render(change) {
    const e = changedObject(change);
    const state = `ALTER EVENT TRIGGER ${quoteIdent(e.name)} ${ENABLED_STATE[e.enabled]}`;
    if (change.op === 'drop') return rendered([`DROP EVENT TRIGGER ${quoteIdent(e.name)}`]);
    if (change.op === 'alter') return rendered([state]);
    const when = e.tags.length ? ` WHEN TAG IN (${e.tags.map(quoteLiteral).join(', ')})` : '';
    const create =
      `CREATE EVENT TRIGGER ${quoteIdent(e.name)} ON ${e.event}${when} EXECUTE FUNCTION ` +
      `${quoteIdent(e.functionSchema)}.${quoteIdent(e.functionName)}()`;
    return rendered(e.enabled === 'O' ? [create] : [create, state]);
  },
};
