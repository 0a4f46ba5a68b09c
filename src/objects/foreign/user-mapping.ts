// User mappings (CREATE USER MAPPING): per role (or PUBLIC) and server, with their options. Secret options
// (passwords, keys, tokens) are never read: the query leaves them in the catalog, the model does not hold them, and
// a plan never writes one; a desired state that sets one is told so (sql/unmodelled.ts), as the value belongs in
// a secret store, set outside migrations.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { objectId, serverId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { optionsChange, optionsClause } from './options.js';
import { SECRET_OPTION } from '../../sql/unmodelled.js';

export interface UserMappingObject extends DbObject {
  readonly kind: 'user_mapping';
  readonly server: string;
  /** A role name, or PUBLIC. */
  readonly user: string;
  /** `name=value` of the options that are no secret, sorted. */
  readonly options: readonly string[];
}

const QUERY = `
SELECT m.srvname AS server, CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE m.usename END AS user,
  coalesce((SELECT array_agg(o ORDER BY o) FROM unnest(m.umoptions) o WHERE split_part(o, '=', 1) !~* $1), '{}')
    AS options
FROM pg_catalog.pg_user_mappings m`;

const mappingSql = (m: UserMappingObject) =>
  `FOR ${m.user === 'PUBLIC' ? 'PUBLIC' : quoteIdent(m.user)} SERVER ${quoteIdent(m.server)}`;

export const userMappingKind: ObjectKind<UserMappingObject> = {
  kind: 'user_mapping',
  covers: ['user mapping'],
  async introspect(db) {
    const rows = await db.query<{ server: string; user: string; options: string[] }>(QUERY, [SECRET_OPTION.source]);
    return rows.map((r) => ({
      kind: 'user_mapping',
      id: objectId('user_mapping', r.server, r.user),
      name: `${r.user} on ${r.server}`,
      ...r,
    }));
  },
  dependencies: (m) => [serverId(m.server)],
  compare: (from, to) =>
    sameData(from.options, to.options) ? [] : [alterChange(from, to, { type: 'options' }, { after: [], before: [] })],
  render(change) {
    const m = changedObject(change);
    if (change.op === 'drop') return rendered([`DROP USER MAPPING ${mappingSql(m)}`]);
    if (change.op === 'alter')
      return rendered([`ALTER USER MAPPING ${mappingSql(m)}${optionsChange(change.from.options, m.options)}`]);
    return rendered([`CREATE USER MAPPING ${mappingSql(m)}${optionsClause(m.options)}`]);
  },
};
