// User-defined operators (CREATE OPERATOR). Any change re-creates the operator, with what uses it (views, indexes,
// constraints): ALTER OPERATOR sets only some options, and those only on recent servers. A shell operator (one a
// COMMUTATOR or NEGATOR named before it existed) is no object of its own: creating the real one fills it.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { operatorId, operatorSignatureSql, schemaId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { ConfigError } from '../../errors.js';

interface OperatorName {
  readonly schema: string;
  readonly name: string;
}

export interface OperatorObject extends DbObject {
  readonly kind: 'operator';
  readonly schema: string;
  /** Argument types as format_type prints them (qualified outside pg_catalog); left is null for a prefix operator. */
  readonly left: string | null;
  readonly right: string;
  readonly function: string;
  readonly commutator: OperatorName | null;
  readonly negator: OperatorName | null;
  readonly restrict: string | null;
  readonly join: string | null;
  readonly hashes: boolean;
  readonly merges: boolean;
  readonly dependsOn: readonly ObjectId[];
}

const ref = (col: string) =>
  `(SELECT json_build_object('schema', rn.nspname, 'name', r.oprname) FROM pg_catalog.pg_operator r
    JOIN pg_catalog.pg_namespace rn ON rn.oid = r.oprnamespace WHERE r.oid = o.${col})`;

// The search_path is empty (introspect.ts): regproc and format_type qualify every name outside pg_catalog.
const QUERY = `
SELECT n.nspname AS schema, o.oprname AS name, ${operatorSignatureSql('o')} AS signature,
  CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END AS left,
  pg_catalog.format_type(o.oprright, NULL) AS right, o.oprcode::regproc::text AS function,
  ${ref('oprcom')} AS commutator, ${ref('oprnegate')} AS negator,
  CASE WHEN o.oprrest <> 0 THEN o.oprrest::regproc::text END AS restrict,
  CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regproc::text END AS join,
  o.oprcanhash AS hashes, o.oprcanmerge AS merges, o.oid::text AS oid
FROM pg_catalog.pg_operator o
JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
WHERE o.oprcode <> 0 AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_operator', 'o.oid')}`;

interface Row {
  schema: string;
  name: string;
  signature: string;
  left: string | null;
  right: string;
  function: string;
  commutator: OperatorName | null;
  negator: OperatorName | null;
  restrict: string | null;
  join: string | null;
  hashes: boolean;
  merges: boolean;
  oid: string;
}

// An operator's name is no identifier: it is written bare, so it must be made of operator characters only.
const OPERATOR_NAME = /^[+\-*/<>=~!@#%^&|`?]{1,63}$/;

/** `schema.op`, as CREATE, DROP and COMMENT name an operator. */
export function qualifiedOperator(o: OperatorName): string {
  if (!OPERATOR_NAME.test(o.name)) throw new ConfigError(`operator name ${JSON.stringify(o.name)} is not valid`);
  return `${quoteIdent(o.schema)}.${o.name}`;
}

export const operatorKind: ObjectKind<OperatorObject> = {
  kind: 'operator',
  covers: ['operator'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = operatorId(r.schema, r.signature);
      const { oid, signature: _signature, ...fields } = r;
      return { kind: 'operator', id, ...fields, dependsOn: refs.dependsOn([['pg_operator', oid]], id) };
    });
  },
  dependencies: (o) => [schemaId(o.schema), ...o.dependsOn],
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  render(change) {
    const o = changedObject(change);
    const name = qualifiedOperator(o);
    if (change.op === 'drop') return rendered([`DROP OPERATOR ${name} (${o.left ?? 'NONE'}, ${o.right})`]);
    const options = [
      `FUNCTION = ${o.function}`,
      ...(o.left ? [`LEFTARG = ${o.left}`] : []),
      `RIGHTARG = ${o.right}`,
      ...(o.commutator ? [`COMMUTATOR = OPERATOR(${qualifiedOperator(o.commutator)})`] : []),
      ...(o.negator ? [`NEGATOR = OPERATOR(${qualifiedOperator(o.negator)})`] : []),
      ...(o.restrict ? [`RESTRICT = ${o.restrict}`] : []),
      ...(o.join ? [`JOIN = ${o.join}`] : []),
      ...(o.hashes ? ['HASHES'] : []),
      ...(o.merges ? ['MERGES'] : []),
    ];
    return rendered([`CREATE OPERATOR ${name} (${options.join(', ')})`]);
  },
};
