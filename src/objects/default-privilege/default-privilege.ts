// Default privileges (ALTER DEFAULT PRIVILEGES): what objects a role creates later are granted. One object per
// (creating role, schema or all schemas, object type, grantee), holding the privileges that differ from the
// server's own defaults: an entry for all schemas replaces them (revoking EXECUTE from PUBLIC on functions is a
// difference), an entry for one schema adds to them. Grantees whose privileges equal the defaults are no object.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { objectId, schemaId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

const OBJECT_TYPES = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' } as const;

export interface DefaultPrivilegeObject extends DbObject {
  readonly kind: 'default_privilege';
  /** The role whose future objects get the privileges. */
  readonly role: string;
  /** null: objects in any schema. */
  readonly inSchema: string | null;
  readonly objectType: (typeof OBJECT_TYPES)[keyof typeof OBJECT_TYPES];
  readonly grantee: string;
  /** Sorted; `SELECT*` = with grant option. */
  readonly privileges: readonly string[];
  /** What the grantee gets without any entry (the server's defaults for an entry of all schemas; none for one). */
  readonly defaults: readonly string[];
}

const GRANTED = (
  acl: string,
) => `(SELECT coalesce(array_agg(x.privilege_type || CASE WHEN x.is_grantable THEN '*' ELSE ''
  END ORDER BY x.privilege_type), '{}') FROM pg_catalog.aclexplode(${acl}) x WHERE x.grantee = g.grantee)`;
// acldefault spells sequences 's' where pg_default_acl says 'S'.
const BUILT_IN = `CASE WHEN d.defaclnamespace = 0 THEN pg_catalog.acldefault(
  CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole) END`;

const QUERY = `
SELECT * FROM (
  SELECT r.rolname AS role, n.nspname AS schema, d.defaclobjtype AS type,
    CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE (SELECT e.rolname FROM pg_catalog.pg_roles e WHERE e.oid = g.grantee) END
      AS grantee,
    ${GRANTED('d.defaclacl')} AS privileges, ${GRANTED(BUILT_IN)} AS defaults
  FROM pg_catalog.pg_default_acl d
  JOIN pg_catalog.pg_roles r ON r.oid = d.defaclrole
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
  CROSS JOIN LATERAL (SELECT x.grantee FROM pg_catalog.aclexplode(d.defaclacl) x
    UNION SELECT x.grantee FROM pg_catalog.aclexplode(${BUILT_IN}) x) g
  WHERE (d.defaclnamespace = 0 OR ${schemaFilter('n.nspname')}) AND ${notFromExtension('pg_default_acl', 'd.oid')}
) e WHERE e.privileges <> e.defaults`;

const plain = (p: string) => p.replace(/\*$/, '');

/** GRANT and REVOKE clauses taking `grantee` from `from`'s privileges to `to`'s (each a sorted list). */
function changes(d: DefaultPrivilegeObject, from: readonly string[], to: readonly string[]): string[] {
  const where = d.inSchema === null ? '' : ` IN SCHEMA ${quoteIdent(d.inSchema)}`;
  const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(d.role)}${where}`;
  const grantee = d.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(d.grantee);
  const has = (list: readonly string[], p: string) => list.find((x) => plain(x) === p);
  const removed = from.map(plain).filter((p) => !has(to, p));
  // A grant option taken away is revoked with the privilege and granted again plainly below.
  const optionLost = from.filter((p) => p.endsWith('*') && has(to, plain(p)) === plain(p)).map(plain);
  const added = to.filter((p) => has(from, plain(p)) !== p || optionLost.includes(plain(p)));
  const out: string[] = [];
  const revoked = [...removed, ...optionLost];
  if (revoked.length) out.push(`${prefix} REVOKE ${revoked.join(', ')} ON ${d.objectType} FROM ${grantee}`);
  const plainAdds = added.filter((p) => !p.endsWith('*')).map(plain);
  const optionAdds = added.filter((p) => p.endsWith('*')).map(plain);
  if (plainAdds.length) out.push(`${prefix} GRANT ${plainAdds.join(', ')} ON ${d.objectType} TO ${grantee}`);
  if (optionAdds.length)
    out.push(`${prefix} GRANT ${optionAdds.join(', ')} ON ${d.objectType} TO ${grantee} WITH GRANT OPTION`);
  return out;
}

export const defaultPrivilegeKind: ObjectKind<DefaultPrivilegeObject> = {
  kind: 'default_privilege',
  covers: ['default privileges'],
  async introspect(db, scope) {
    const rows = await db.query<{
      role: string;
      schema: string | null;
      type: keyof typeof OBJECT_TYPES;
      grantee: string | null;
      privileges: string[];
      defaults: string[];
    }>(QUERY, scopeParams(scope));
    return rows.flatMap((r) => {
      // A grantee role dropped since has no name: nothing can be said about it.
      if (r.grantee === null) return [];
      const objectType = OBJECT_TYPES[r.type];
      return [
        {
          kind: 'default_privilege' as const,
          id: objectId('default_privilege', r.role, r.schema ?? '', objectType, r.grantee),
          name: `${objectType} of ${r.role}${r.schema === null ? '' : ` in ${r.schema}`} for ${r.grantee}`,
          role: r.role,
          inSchema: r.schema,
          objectType,
          grantee: r.grantee,
          privileges: r.privileges,
          defaults: r.defaults,
        },
      ];
    });
  },
  dependencies: (d) => (d.inSchema === null ? [] : [schemaId(d.inSchema)]),
  compare: (from, to) =>
    sameData(from.privileges, to.privileges)
      ? []
      : [alterChange(from, to, { type: 'privileges' }, { after: [], before: [] })],
  render(change) {
    if (change.op === 'alter') return rendered(changes(change.to, change.from.privileges, change.to.privileges));
    const d = changedObject(change);
    return rendered(
      change.op === 'create' ? changes(d, d.defaults, d.privileges) : changes(d, d.privileges, d.defaults),
    );
  },
  describe: (c) => `${c.from.privileges.join(', ') || 'none'} → ${c.to.privileges.join(', ') || 'none'}`,
};
