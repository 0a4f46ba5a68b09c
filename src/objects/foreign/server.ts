// Foreign servers (CREATE SERVER): database-wide. Another wrapper or type re-creates the server with its foreign
// tables; its version and options change in place. User mappings (which hold passwords) are not managed here.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension } from '../shared/scope.js';
import { serverId, wrapperId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { optionsChange, optionsClause } from './options.js';

export interface ServerObject extends DbObject {
  readonly kind: 'server';
  readonly wrapper: string;
  readonly type: string | null;
  readonly version: string | null;
  readonly options: readonly string[];
  readonly dependsOn: readonly ObjectId[];
}

const QUERY = `
SELECT s.srvname AS name, w.fdwname AS wrapper, s.srvtype AS type, s.srvversion AS version,
  coalesce(s.srvoptions, '{}') AS options, s.oid::text AS oid
FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE ${notFromExtension('pg_foreign_server', 's.oid')}`;

export const serverKind: ObjectKind<ServerObject> = {
  kind: 'server',
  covers: ['server'],
  async introspect(db, _scope, refs) {
    const rows = await db.query<{
      name: string;
      wrapper: string;
      type: string | null;
      version: string | null;
      options: string[];
      oid: string;
    }>(QUERY);
    return rows.map(({ oid, ...r }) => {
      const id = serverId(r.name);
      return { kind: 'server', id, ...r, dependsOn: refs.dependsOn([['pg_foreign_server', oid]], id) };
    });
  },
  dependencies: (s) => [wrapperId(s.wrapper), ...s.dependsOn],
  compare(from, to) {
    if (from.wrapper !== to.wrapper || from.type !== to.type) return 'recreate';
    if (sameData([from.version, from.options], [to.version, to.options])) return [];
    return [alterChange(from, to, { type: 'options' }, { after: [], before: [] })];
  },
  render(change) {
    const s = changedObject(change);
    const name = quoteIdent(s.name);
    const version = s.version === null ? '' : ` VERSION ${quoteLiteral(s.version)}`;
    if (change.op === 'drop') return rendered([`DROP SERVER ${name}`]);
    if (change.op === 'alter') {
      const newVersion = change.from.version === s.version ? '' : s.version === null ? ' VERSION NULL' : version;
      return rendered([`ALTER SERVER ${name}${newVersion}${optionsChange(change.from.options, s.options)}`]);
    }
    const type = s.type === null ? '' : ` TYPE ${quoteLiteral(s.type)}`;
    return rendered([
      `CREATE SERVER ${name}${type}${version} FOREIGN DATA WRAPPER ${quoteIdent(s.wrapper)}${optionsClause(s.options)}`,
    ]);
  },
};
