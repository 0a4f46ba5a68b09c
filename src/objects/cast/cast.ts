// User-defined casts (CREATE CAST): database-wide, managed when a type or the function they use lives in a schema
// in scope, or when all of those are built in (nobody else's then). Any change re-creates the cast. Casts a range
// type makes to its multirange are part of the range.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { notFromExtension, notInternal, schemaFilter, scopeParams } from '../shared/scope.js';
import { castId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';

export interface CastObject extends DbObject {
  readonly kind: 'cast';
  /** Types as format_type prints them (qualified outside pg_catalog). */
  readonly source: string;
  readonly target: string;
  /** The function with its argument types (`public.to_flag(text)`), or null for WITHOUT FUNCTION and WITH INOUT. */
  readonly function: string | null;
  readonly method: 'function' | 'inout' | 'binary';
  readonly context: 'explicit' | 'assignment' | 'implicit';
  readonly dependsOn: readonly ObjectId[];
}

// The search_path is empty (introspect.ts): format_type and regprocedure qualify every name outside pg_catalog.
const QUERY = `
SELECT pg_catalog.format_type(c.castsource, NULL) AS source, pg_catalog.format_type(c.casttarget, NULL) AS target,
  CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END AS function,
  CASE c.castmethod WHEN 'f' THEN 'function' WHEN 'i' THEN 'inout' ELSE 'binary' END AS method,
  CASE c.castcontext WHEN 'e' THEN 'explicit' WHEN 'a' THEN 'assignment' ELSE 'implicit' END AS context,
  c.oid::text AS oid
FROM pg_catalog.pg_cast c
JOIN pg_catalog.pg_type s ON s.oid = c.castsource JOIN pg_catalog.pg_namespace sn ON sn.oid = s.typnamespace
JOIN pg_catalog.pg_type t ON t.oid = c.casttarget JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_proc p ON p.oid = c.castfunc LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
WHERE c.oid >= 16384::oid AND ${notFromExtension('pg_cast', 'c.oid')} AND ${notInternal('pg_cast', 'c.oid')}
  AND (${schemaFilter('sn.nspname')} OR ${schemaFilter('tn.nspname')} OR coalesce(${schemaFilter('pn.nspname')}, false)
    OR (sn.nspname = 'pg_catalog' AND tn.nspname = 'pg_catalog' AND coalesce(pn.nspname, 'pg_catalog') = 'pg_catalog'))`;

/** `(source AS target)`, as CREATE, DROP and COMMENT name a cast. */
export const castName = (c: Pick<CastObject, 'source' | 'target'>) => `(${c.source} AS ${c.target})`;

export const castKind: ObjectKind<CastObject> = {
  kind: 'cast',
  covers: ['cast'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      source: string;
      target: string;
      function: string | null;
      method: CastObject['method'];
      context: CastObject['context'];
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.map(({ oid, ...r }) => {
      const id = castId(r.source, r.target);
      return { kind: 'cast', id, name: castName(r), ...r, dependsOn: refs.dependsOn([['pg_cast', oid]], id) };
    });
  },
  dependencies: (c) => [...c.dependsOn],
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  render(change) {
    const c = changedObject(change);
    if (change.op === 'drop') return rendered([`DROP CAST ${castName(c)}`]);
    const how =
      c.method === 'function'
        ? `WITH FUNCTION ${c.function ?? ''}`
        : c.method === 'inout'
          ? 'WITH INOUT'
          : 'WITHOUT FUNCTION';
    const context = c.context === 'explicit' ? '' : ` AS ${c.context.toUpperCase()}`;
    return rendered([`CREATE CAST ${castName(c)} ${how}${context}`]);
  },
};
