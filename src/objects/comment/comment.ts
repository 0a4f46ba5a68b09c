// Comments on every object kind, read generically from pg_description through pg_identify_object_as_address,
// whose name parts are quoted here like every other identifier.
import { columnKey, objectId } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { schemaFilter, scopeParams } from '../shared/scope.js';
import { rendered } from '../shared/simple.js';
import { qualifiedOperator } from '../operator/operator.js';
import { castName } from '../cast/cast.js';
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

const qualified = (names: readonly string[]) => names.map(quoteIdent).join('.');

/** The object part of COMMENT ON, e.g. `COLUMN "s"."t"."c"` or `TRIGGER "x" ON "s"."t"`. */
function commentTarget(c: Pick<CommentObject, 'objectType' | 'names' | 'args'>): string {
  const n = c.names;
  switch (c.objectType) {
    case 'table column':
    case 'view column':
    case 'materialized view column':
    case 'foreign table column':
    case 'composite type column':
      return `COLUMN ${qualified(n)}`;
    case 'function':
    case 'procedure':
      return `${c.objectType.toUpperCase()} ${qualified(n)}(${c.args.join(', ')})`;
    // An aggregate over all rows is written `(*)`, never `()`.
    case 'aggregate':
      return `AGGREGATE ${qualified(n)}(${c.args.length ? c.args.join(', ') : '*'})`;
    case 'table constraint':
    case 'trigger':
    case 'policy':
    case 'rule': {
      const kind = c.objectType === 'table constraint' ? 'CONSTRAINT' : c.objectType.toUpperCase();
      return `${kind} ${quoteIdent(n[n.length - 1] ?? '')} ON ${qualified(n.slice(0, -1))}`;
    }
    // Type names come as one string already formatted (and quoted) by the server, like format_type().
    case 'type':
    case 'domain':
      return `${c.objectType.toUpperCase()} ${n[0] ?? ''}`;
    case 'statistics object':
      return `STATISTICS ${qualified(n)}`;
    case 'cast':
      return `CAST ${castName({ source: n[0] ?? '', target: c.args[0] ?? '' })}`;
    // A prefix operator's address has its right argument only.
    case 'operator': {
      const args = c.args.length === 1 ? ['NONE', ...c.args] : c.args;
      return `OPERATOR ${qualifiedOperator({ schema: n[0] ?? '', name: n[1] ?? '' })} (${args.join(', ')})`;
    }
    case 'domain constraint':
      return `CONSTRAINT ${quoteIdent(c.args[0] ?? '')} ON DOMAIN ${n[0] ?? ''}`;
    default:
      return `${c.objectType.toUpperCase()} ${qualified(n)}`;
  }
}

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
    return rendered([`COMMENT ON ${commentTarget(c)} IS ${change.op === 'drop' ? 'NULL' : quoteLiteral(c.text)}`]);
  },
};
