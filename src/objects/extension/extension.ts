// Extensions. Versions are managed only when asked (Scope.extensionVersions): the dev database and the target may
// ship different default versions of the same extension. An upgrade is ALTER EXTENSION … UPDATE TO; a downgrade
// has no update path in general, so it re-creates the extension.
import type { ObjectKind } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, extensionId } from '../shared/ids.js';
import { rendered, unexpected } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface ExtensionObject extends DbObject {
  readonly kind: 'extension';
  readonly schema: string;
  /** null when versions are not managed. */
  readonly version: string | null;
}

const QUERY = `
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND (${schemaFilter('n.nspname')} OR n.nspname = 'pg_catalog')`;

export const extensionKind: ObjectKind<ExtensionObject> = {
  kind: 'extension',
  covers: ['extension'],
  async introspect(db, scope) {
    const rows = await db.query<{ name: string; schema: string; version: string }>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'extension',
      id: extensionId(r.name),
      ...r,
      version: scope.extensionVersions ? r.version : null,
    }));
  },
  dependencies: (e) => (e.schema === 'pg_catalog' ? [] : [schemaId(e.schema)]),
  compare(from, to) {
    const changes = [];
    if (from.version !== to.version && from.version !== null && to.version !== null) {
      if (compareVersions(to.version, from.version) < 0) return 'recreate';
      changes.push(alterChange(from, to, { type: 'update' }, { after: [], before: [] }));
    }
    if (from.schema !== to.schema) {
      changes.push(
        alterChange(
          from,
          to,
          { type: 'set-schema' },
          { after: [schemaId(to.schema)], before: [schemaId(from.schema)] },
        ),
      );
    }
    return changes;
  },
  render(change) {
    if (change.op === 'create') {
      const e = change.object;
      const version = e.version !== null ? ` VERSION ${quoteLiteral(e.version)}` : '';
      return rendered([
        `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)}${version}`,
      ]);
    }
    if (change.op === 'drop') return rendered([`DROP EXTENSION ${quoteIdent(change.object.name)}`], ['DELETES_DATA']);
    if (change.op === 'alter' && change.action.type === 'update') {
      const to = change.to;
      return rendered([`ALTER EXTENSION ${quoteIdent(to.name)} UPDATE TO ${quoteLiteral(to.version ?? '')}`]);
    }
    if (change.op === 'alter') {
      const to = change.to;
      return rendered([`ALTER EXTENSION ${quoteIdent(to.name)} SET SCHEMA ${quoteIdent(to.schema)}`]);
    }
    return unexpected(change);
  },
};

/** Compares dotted versions numerically where both parts are numbers (1.10 > 1.9). */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}
