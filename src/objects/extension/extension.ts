// Extensions. Versions are recorded but not compared: the dev database and the target may ship different
// default versions of the same extension (version upgrades are a separate, explicit feature).
import type { ObjectKind } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId } from '../shared/ids.js';
import { alterChange, rendered, unexpected } from '../shared/simple.js';

export interface ExtensionObject extends DbObject {
  readonly kind: 'extension';
  readonly schema: string;
  readonly version: string;
}

const QUERY = `
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND (${schemaFilter('n.nspname')} OR n.nspname = 'pg_catalog')`;

export const extensionKind: ObjectKind<ExtensionObject> = {
  kind: 'extension',
  async introspect(db, scope) {
    const rows = await db.query<{ name: string; schema: string; version: string }>(QUERY, scopeParams(scope));
    return rows.map((r) => ({ kind: 'extension', id: `extension:${r.name}`, ...r }));
  },
  dependencies: (e) => (e.schema === 'pg_catalog' ? [] : [schemaId(e.schema)]),
  compare(from, to) {
    if (from.schema === to.schema) return [];
    return [alterChange(from, to, { type: 'set-schema' }, { after: [schemaId(to.schema)], before: [schemaId(from.schema)] })];
  },
  normalize: ({ version: _v, ...rest }) => rest,
  render(change) {
    if (change.op === 'create') {
      const e = change.object as ExtensionObject;
      return rendered([`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)}`]);
    }
    if (change.op === 'drop') return rendered([`DROP EXTENSION ${quoteIdent(change.object.name)}`], ['DELETES_DATA']);
    if (change.op === 'alter') {
      const to = change.to as ExtensionObject;
      return rendered([`ALTER EXTENSION ${quoteIdent(to.name)} SET SCHEMA ${quoteIdent(to.schema)}`]);
    }
    return unexpected(change);
  },
};
