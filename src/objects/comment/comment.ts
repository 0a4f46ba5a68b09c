// Comments on every object kind, read generically from pg_description through pg_identify_object_as_address,
// whose name parts are quoted here like every other identifier.
import { columnKey, objectId } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { quoteLiteral } from '../../sql/quote.js';
import { schemaFilter, scopeParams } from '../shared/scope.js';
import { rendered } from '../shared/simple.js';
import { objectAddress } from '../shared/address.js';
import { alterChange } from '../shared/change.js';

export interface CommentObject extends DbObject {
  readonly kind: 'comment';
  /** pg_identify_object_as_address type: `table`, `table column`, `function`, `trigger`, … */
  readonly objectType: string;
  readonly names: readonly string[];
  readonly args: readonly string[];
  readonly target: ObjectId;
  readonly text: string;
}

const QUERY = `
SELECT a.type, a.object_names AS names, a.object_args AS args, d.description AS text,
  d.classoid::regclass::text AS catalog, d.objoid::text AS oid
FROM pg_catalog.pg_description d
-- Objects created by users have OIDs from FirstNormalObjectId (16384) on: skip the thousands of built-in comments early.
CROSS JOIN LATERAL (SELECT WHERE d.objoid >= 16384) user_object
CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o
CROSS JOIN LATERAL pg_catalog.pg_identify_object_as_address(d.classoid, d.objoid, d.objsubid) a
CROSS JOIN LATERAL (SELECT coalesce(o.schema, CASE WHEN o.type = 'schema' THEN o.name END,
    (SELECT n.nspname FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE d.classoid = 'pg_catalog.pg_trigger'::regclass AND tg.oid = d.objoid),
    (SELECT n.nspname FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE d.classoid = 'pg_catalog.pg_policy'::regclass AND po.oid = d.objoid),
    (SELECT n.nspname FROM pg_catalog.pg_rewrite rw JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE d.classoid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = d.objoid)
  ) AS schema) s
-- Casts and publications have no schema: their comments go with them (their kinds say which are in scope).
WHERE ((s.schema IS NOT NULL AND ${schemaFilter('s.schema')})
  OR d.classoid IN ('pg_catalog.pg_cast'::regclass, 'pg_catalog.pg_publication'::regclass))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid AND x.deptype = 'e')
  AND o.type <> 'extension'
  -- initdb's own comment on public: present or not depending on how the database was made, never the user's.
  AND NOT (o.type = 'schema' AND o.name = 'public' AND d.description = 'standard public schema')`;

export const commentKind: ObjectKind<CommentObject> = {
  kind: 'comment',
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      type: string;
      names: string[];
      args: string[];
      text: string;
      catalog: string;
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.flatMap((r) => {
      const target = refs.idOf(r.catalog, r.oid);
      return target === undefined
        ? []
        : [
            {
              kind: 'comment' as const,
              id: objectId(`comment:${r.type}`, ...r.names, ...r.args),
              name: r.names.join('.'),
              objectType: r.type,
              names: r.names,
              args: r.args,
              target,
              text: r.text,
            },
          ];
    });
  },
  dependencies: (c) => [c.target],
  parent: (c) => c.target,
  // A column comment goes with its column when the column is re-created.
  columnRefs: (c) =>
    c.objectType.endsWith(' column') && c.names.length === 3
      ? [columnKey(...(c.names as [string, string, string]))]
      : [],
  // Hashes recorded in migration headers by earlier versions spelled comment ids with invisible separators; the
  // hash keeps that spelling so that those headers stay valid (the id is derived from the other fields anyway).
  normalize: (c) => ({ ...c, id: `comment:${c.objectType}:${[...c.names, ...c.args].join('\u001f')}` }),
  compare: (from, to) =>
    from.text === to.text ? [] : [alterChange(from, to, { type: 'text' }, { after: [to.target], before: [] })],
  render(change) {
    const c = changedObject(change);
    return rendered([`COMMENT ON ${objectAddress(c)} IS ${change.op === 'drop' ? 'NULL' : quoteLiteral(c.text)}`]);
  },
};
