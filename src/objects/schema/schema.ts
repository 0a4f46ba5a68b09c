// Schemas (namespaces). `public` is treated like any other schema, but is never dropped or created by a plan.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId } from '../shared/ids.js';
import { rendered, unexpected } from '../shared/simple.js';

export interface SchemaObject extends DbObject {
  readonly kind: 'schema';
}

const QUERY = `
SELECT n.nspname AS name
FROM pg_catalog.pg_namespace n
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_namespace', 'n.oid')}`;

export const schemaKind: ObjectKind<SchemaObject> = {
  kind: 'schema',
  covers: ['schema'],
  async introspect(db, scope) {
    const rows = await db.query<{ name: string }>(QUERY, scopeParams(scope));
    return rows.map((r) => ({ kind: 'schema', id: schemaId(r.name), name: r.name }));
  },
  dependencies: () => [],
  compare: () => [],
  render(change) {
    const schema = changedObject(change);
    const name = quoteIdent(schema.name);
    const builtIn = schema.name === 'public';
    if (change.op === 'create')
      return rendered(builtIn ? ['CREATE SCHEMA IF NOT EXISTS public'] : [`CREATE SCHEMA ${name}`]);
    if (change.op === 'drop') return rendered([`DROP SCHEMA ${name}`], ['DELETES_DATA']);
    return unexpected(change);
  },
};
