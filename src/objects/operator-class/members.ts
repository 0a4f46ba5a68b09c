// The members of operator families and classes (pg_amop, pg_amproc), read once for both kinds: each member belongs
// to a class (an internal dependency on it) or loosely to a family (an automatic one), and is said as the clause
// CREATE OPERATOR CLASS … AS and ALTER OPERATOR FAMILY … ADD take.
import type { Queryable } from '../../db/queryable.js';
import type { ObjectId } from '../../model/model.js';
import type { CatalogRefs } from '../shared/depends.js';
import { quoteIdent } from '../../sql/quote.js';
import { qualifiedOperator } from '../operator/operator.js';

export interface Member {
  readonly kind: 'operator' | 'function';
  readonly number: number;
  /** Argument types the member is registered for, as format_type prints them. */
  readonly left: string;
  readonly right: string;
  /** The operator's schema and name, or the function with its argument types (regprocedure). */
  readonly schema: string | null;
  readonly name: string;
  /** FOR ORDER BY's sort family (schema-qualified), for an ordering operator. */
  readonly orderBy: { readonly schema: string; readonly name: string } | null;
}

export interface MemberRow extends Member {
  /** `opclass:<oid>` or `opfamily:<oid>`: whom it belongs to. */
  readonly owner: string;
  readonly catalog: 'pg_amop' | 'pg_amproc';
  readonly oid: string;
}

// The search_path is empty (introspect.ts): format_type and regprocedure qualify every name outside pg_catalog.
const QUERY = `
SELECT CASE WHEN d.refclassid = 'pg_catalog.pg_opclass'::regclass THEN 'opclass:' ELSE 'opfamily:' END || d.refobjid AS owner,
  m.* FROM (
  SELECT 'pg_amop' AS catalog, o.oid, 'operator' AS kind, o.amopstrategy::int AS number,
    pg_catalog.format_type(o.amoplefttype, NULL) AS left, pg_catalog.format_type(o.amoprighttype, NULL) AS right,
    n.nspname AS schema, op.oprname AS name,
    CASE WHEN o.amoppurpose = 'o' THEN (SELECT json_build_object('schema', sn.nspname, 'name', sf.opfname)
      FROM pg_catalog.pg_opfamily sf JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace
      WHERE sf.oid = o.amopsortfamily) END AS order_by
  FROM pg_catalog.pg_amop o JOIN pg_catalog.pg_operator op ON op.oid = o.amopopr
  JOIN pg_catalog.pg_namespace n ON n.oid = op.oprnamespace
  UNION ALL
  SELECT 'pg_amproc', p.oid, 'function', p.amprocnum::int, pg_catalog.format_type(p.amproclefttype, NULL),
    pg_catalog.format_type(p.amprocrighttype, NULL), NULL, p.amproc::regprocedure::text, NULL
  FROM pg_catalog.pg_amproc p
) m
JOIN pg_catalog.pg_depend d ON d.classid = ('pg_catalog.' || m.catalog)::regclass AND d.objid = m.oid
  AND d.refclassid IN ('pg_catalog.pg_opclass'::regclass, 'pg_catalog.pg_opfamily'::regclass) AND d.deptype IN ('i', 'a')
WHERE m.oid >= 16384::oid`;

export async function readMembers(db: Queryable): Promise<Map<string, MemberRow[]>> {
  const out = new Map<string, MemberRow[]>();
  const rows = await db.query<Omit<MemberRow, 'orderBy'> & { order_by: Member['orderBy'] }>(QUERY);
  for (const { order_by, ...r } of rows) {
    const list = out.get(r.owner) ?? [];
    if (!out.has(r.owner)) out.set(r.owner, list);
    list.push({ ...r, orderBy: order_by });
  }
  return out;
}

/** The members as the model keeps them (sorted), and what they use, by our ids. */
export function membersOf(
  rows: readonly MemberRow[],
  refs: CatalogRefs,
  self: ObjectId,
): { members: Member[]; uses: ObjectId[] } {
  const members = rows
    .map(({ owner: _o, catalog: _c, oid: _i, ...m }) => m)
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        a.number - b.number ||
        a.left.localeCompare(b.left) ||
        a.right.localeCompare(b.right),
    );
  return {
    members,
    uses: refs.dependsOn(
      rows.map((r) => [r.catalog, r.oid] as const),
      self,
    ),
  };
}

/** `OPERATOR 1 s.op (l, r) [FOR ORDER BY …]` or `FUNCTION 1 (l, r) f(args)`. */
export function memberSql(m: Member): string {
  if (m.kind === 'function') return `FUNCTION ${m.number} (${m.left}, ${m.right}) ${m.name}`;
  const op = qualifiedOperator({ schema: m.schema ?? 'pg_catalog', name: m.name });
  const order = m.orderBy ? ` FOR ORDER BY ${quoteIdent(m.orderBy.schema)}.${quoteIdent(m.orderBy.name)}` : '';
  return `OPERATOR ${m.number} ${op} (${m.left}, ${m.right})${order}`;
}

/** The member as DROP takes it: its number and argument types. */
export const memberKeySql = (m: Member) => `${m.kind.toUpperCase()} ${m.number} (${m.left}, ${m.right})`;
