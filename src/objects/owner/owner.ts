// Owners (ALTER … OWNER TO), managed only when asked (Scope.owners): one object per owned object that a kind
// manages, holding its owner role, or null where the owner is the role reading the catalog, which a plan says as
// CURRENT_USER: an object the desired state gives no owner belongs to the role that applies the migrations. The
// public schema's owner is left alone (the server gives it its own), and so are sequences owned by a column (they
// follow their table). Roles are never created.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { schemaFilter, scopeParams } from '../shared/scope.js';
import { objectId } from '../shared/ids.js';
import { objectIdsSql } from '../shared/depends.js';
import { type Address, objectAddress } from '../shared/address.js';
import { rendered } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface OwnerObject extends DbObject {
  readonly kind: 'owner';
  readonly target: ObjectId;
  readonly address: Address;
  /** null: the role that applies the migrations. */
  readonly role: string | null;
}

// Every catalog with an owner column whose rows a kind manages.
const OWNED = [
  `SELECT 'pg_catalog.pg_namespace'::regclass, n.oid, n.nspowner, n.nspname FROM pg_catalog.pg_namespace n
    WHERE n.nspname <> 'public'`,
  `SELECT 'pg_catalog.pg_class'::regclass, c.oid, c.relowner, n.nspname FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
      AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))`,
  `SELECT 'pg_catalog.pg_type'::regclass, t.oid, t.typowner, n.nspname FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r')
    OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))`,
  ...[
    ['pg_proc', 'proowner', 'pronamespace'],
    ['pg_collation', 'collowner', 'collnamespace'],
    ['pg_statistic_ext', 'stxowner', 'stxnamespace'],
    ['pg_ts_config', 'cfgowner', 'cfgnamespace'],
    ['pg_ts_dict', 'dictowner', 'dictnamespace'],
    ['pg_operator', 'oprowner', 'oprnamespace'],
    ['pg_opclass', 'opcowner', 'opcnamespace'],
    ['pg_opfamily', 'opfowner', 'opfnamespace'],
  ].map(
    ([catalog, owner, ns]) =>
      `SELECT 'pg_catalog.${catalog}'::regclass, x.oid, x.${owner}, n.nspname FROM pg_catalog.${catalog} x
    JOIN pg_catalog.pg_namespace n ON n.oid = x.${ns}`,
  ),
  ...[
    ['pg_publication', 'pubowner'],
    ['pg_foreign_data_wrapper', 'fdwowner'],
    ['pg_foreign_server', 'srvowner'],
    ['pg_event_trigger', 'evtowner'],
  ].map(
    ([catalog, owner]) =>
      `SELECT 'pg_catalog.${catalog}'::regclass, x.oid, x.${owner}, NULL::name FROM pg_catalog.${catalog} x`,
  ),
].join('\n  UNION ALL ');

const QUERY = `
WITH owned (cls, oid, owner, schema) AS MATERIALIZED (
  SELECT * FROM (${OWNED}) o (cls, oid, owner, schema) WHERE o.oid >= 16384::oid
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = o.cls AND x.objid = o.oid AND x.deptype = 'e')
    AND (o.schema IS NULL OR ${schemaFilter('o.schema')})
)
SELECT ids.id, CASE WHEN pg_catalog.pg_get_userbyid(o.owner) <> current_user THEN pg_catalog.pg_get_userbyid(o.owner) END
    AS role, a.type, a.object_names AS names, a.object_args AS args
FROM owned o
JOIN (${objectIdsSql('SELECT cls, oid FROM owned')}) ids ON ids.oid = o.oid::text AND ids.cls = o.cls::regclass::text
CROSS JOIN LATERAL pg_catalog.pg_identify_object_as_address(o.cls, o.oid, 0) a
WHERE ids.id IS NOT NULL`;

export const ownerKind: ObjectKind<OwnerObject> = {
  kind: 'owner',
  async introspect(db, scope) {
    if (!scope.owners) return [];
    const rows = await db.query<{ id: string; role: string | null; type: string; names: string[]; args: string[] }>(
      QUERY,
      scopeParams(scope),
    );
    return rows.map((r) => ({
      kind: 'owner',
      id: objectId('owner', r.id),
      name: r.id,
      target: r.id,
      address: { objectType: r.type, names: r.names, args: r.args },
      role: r.role,
    }));
  },
  dependencies: (o) => [o.target],
  parent: (o) => o.target,
  // The address is how the object is named, which a rename changes: only the role is the owner's.
  compare: (from, to) =>
    from.role === to.role ? [] : [alterChange(from, to, { type: 'role' }, { after: [to.target], before: [] })],
  render(change) {
    const o = changedObject(change);
    const to = (role: string | null) =>
      `ALTER ${objectAddress(o.address)} OWNER TO ${role === null ? 'CURRENT_USER' : quoteIdent(role)}`;
    if (change.op === 'alter') return rendered([to(change.to.role)]);
    // A new object belongs to the applying role already; an object going away takes its owner along.
    if (change.op === 'drop') return rendered(o.role === null ? [] : [to(null)]);
    return rendered(o.role === null ? [] : [to(o.role)]);
  },
  describe: (c) => `owner ${c.from.role ?? 'the applying role'} → ${c.to.role ?? 'the applying role'}`,
};
