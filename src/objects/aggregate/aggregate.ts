// User-defined aggregates (normal, ordered-set and hypothetical-set), identified like functions: same id space,
// so that views and comments that use one find it by the id pg_depend gives. A change of its functions, state or
// options is CREATE OR REPLACE AGGREGATE (the views over it stay); a change of its kind, arguments or result
// re-creates it with its dependents.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { functionId, schemaId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

/** Transition functions and state of one mode (normal, or moving-aggregate with the `m` options). */
interface Transition {
  readonly sfunc: string;
  readonly stype: string;
  readonly sspace: number;
  readonly finalfunc: string | null;
  readonly finalExtra: boolean;
  readonly finalModify: 'READ_ONLY' | 'SHAREABLE' | 'READ_WRITE';
  readonly initcond: string | null;
}

export interface AggregateObject extends DbObject {
  readonly kind: 'aggregate';
  readonly schema: string;
  /** Argument types: the identity (with ORDER BY for ordered-set aggregates; empty for `*`). */
  readonly identityArguments: string;
  /** As CREATE AGGREGATE takes them, names included. */
  readonly arguments: string;
  readonly result: string;
  readonly aggKind: 'normal' | 'ordered' | 'hypothetical';
  readonly transition: Transition;
  readonly moving:
    | (Omit<Transition, 'finalModify'> & { readonly invfunc: string; readonly finalModify: string })
    | null;
  readonly combinefunc: string | null;
  readonly serialfunc: string | null;
  readonly deserialfunc: string | null;
  /** `OPERATOR(schema.op)`, for MIN/MAX-like aggregates an index can answer. */
  readonly sortop: string | null;
  readonly parallel: 'SAFE' | 'RESTRICTED' | 'UNSAFE';
  readonly dependsOn: readonly ObjectId[];
}

const fn = (col: string) => `CASE WHEN a.${col} <> 0 THEN a.${col}::regproc::text END`;
const MODIFY = `CASE %s WHEN 's' THEN 'SHAREABLE' WHEN 'w' THEN 'READ_WRITE' ELSE 'READ_ONLY' END`;

// The search_path is empty (introspect.ts): regproc and format_type qualify every name outside pg_catalog.
const QUERY = `
SELECT n.nspname AS schema, p.proname AS name, p.oid::text AS oid,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
  pg_catalog.pg_get_function_arguments(p.oid) AS arguments, pg_catalog.pg_get_function_result(p.oid) AS result,
  a.aggkind AS agg_kind, a.aggtransfn::regproc::text AS sfunc, pg_catalog.format_type(a.aggtranstype, NULL) AS stype,
  a.aggtransspace AS sspace, ${fn('aggfinalfn')} AS finalfunc, a.aggfinalextra AS final_extra,
  ${MODIFY.replace('%s', 'a.aggfinalmodify')} AS final_modify, a.agginitval AS initcond,
  ${fn('aggmtransfn')} AS msfunc, ${fn('aggminvtransfn')} AS minvfunc,
  CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype,
  a.aggmtransspace AS msspace, ${fn('aggmfinalfn')} AS mfinalfunc, a.aggmfinalextra AS mfinal_extra,
  ${MODIFY.replace('%s', 'a.aggmfinalmodify')} AS mfinal_modify, a.aggminitval AS minitcond,
  ${fn('aggcombinefn')} AS combinefunc, ${fn('aggserialfn')} AS serialfunc, ${fn('aggdeserialfn')} AS deserialfunc,
  CASE WHEN a.aggsortop <> 0 THEN 'OPERATOR(' || so.nspname || '.' || o.oprname || ')' END AS sortop,
  CASE p.proparallel WHEN 's' THEN 'SAFE' WHEN 'r' THEN 'RESTRICTED' ELSE 'UNSAFE' END AS parallel
FROM pg_catalog.pg_aggregate a
JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_operator o ON o.oid = a.aggsortop
LEFT JOIN pg_catalog.pg_namespace so ON so.oid = o.oprnamespace
WHERE p.oid >= 16384::oid AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_proc', 'p.oid')}`;

interface Row {
  schema: string;
  name: string;
  oid: string;
  identity_arguments: string;
  arguments: string;
  result: string;
  agg_kind: 'n' | 'o' | 'h';
  sfunc: string;
  stype: string;
  sspace: number;
  finalfunc: string | null;
  final_extra: boolean;
  final_modify: Transition['finalModify'];
  initcond: string | null;
  msfunc: string | null;
  minvfunc: string | null;
  mstype: string | null;
  msspace: number;
  mfinalfunc: string | null;
  mfinal_extra: boolean;
  mfinal_modify: Transition['finalModify'];
  minitcond: string | null;
  combinefunc: string | null;
  serialfunc: string | null;
  deserialfunc: string | null;
  sortop: string | null;
  parallel: AggregateObject['parallel'];
}

const KIND = { n: 'normal', o: 'ordered', h: 'hypothetical' } as const;

function fromRow(r: Row): Omit<AggregateObject, 'id' | 'dependsOn'> {
  return {
    kind: 'aggregate',
    schema: r.schema,
    name: r.name,
    identityArguments: r.identity_arguments,
    arguments: r.arguments,
    result: r.result,
    aggKind: KIND[r.agg_kind],
    transition: {
      sfunc: r.sfunc,
      stype: r.stype,
      sspace: r.sspace,
      finalfunc: r.finalfunc,
      finalExtra: r.final_extra,
      finalModify: r.final_modify,
      initcond: r.initcond,
    },
    moving:
      r.msfunc && r.minvfunc && r.mstype
        ? {
            sfunc: r.msfunc,
            invfunc: r.minvfunc,
            stype: r.mstype,
            sspace: r.msspace,
            finalfunc: r.mfinalfunc,
            finalExtra: r.mfinal_extra,
            finalModify: r.mfinal_modify,
            initcond: r.minitcond,
          }
        : null,
    combinefunc: r.combinefunc,
    serialfunc: r.serialfunc,
    deserialfunc: r.deserialfunc,
    sortop: r.sortop,
    parallel: r.parallel,
  };
}

const signature = (a: AggregateObject, args: string) => `${qualify(a.schema, a.name)}(${args === '' ? '*' : args})`;

function options(a: AggregateObject): string[] {
  const t = a.transition;
  const out = [`SFUNC = ${t.sfunc}`, `STYPE = ${t.stype}`];
  if (t.sspace) out.push(`SSPACE = ${t.sspace}`);
  if (t.finalfunc) out.push(`FINALFUNC = ${t.finalfunc}`);
  if (t.finalExtra) out.push('FINALFUNC_EXTRA');
  if (t.finalfunc) out.push(`FINALFUNC_MODIFY = ${t.finalModify}`);
  if (a.combinefunc) out.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.serialfunc) out.push(`SERIALFUNC = ${a.serialfunc}`);
  if (a.deserialfunc) out.push(`DESERIALFUNC = ${a.deserialfunc}`);
  if (t.initcond !== null) out.push(`INITCOND = ${quoteLiteral(t.initcond)}`);
  const m = a.moving;
  if (m) {
    out.push(`MSFUNC = ${m.sfunc}`, `MINVFUNC = ${m.invfunc}`, `MSTYPE = ${m.stype}`);
    if (m.sspace) out.push(`MSSPACE = ${m.sspace}`);
    if (m.finalfunc) out.push(`MFINALFUNC = ${m.finalfunc}`, `MFINALFUNC_MODIFY = ${m.finalModify}`);
    if (m.finalExtra) out.push('MFINALFUNC_EXTRA');
    if (m.initcond !== null) out.push(`MINITCOND = ${quoteLiteral(m.initcond)}`);
  }
  if (a.sortop) out.push(`SORTOP = ${a.sortop}`);
  out.push(`PARALLEL = ${a.parallel}`);
  if (a.aggKind === 'hypothetical') out.push('HYPOTHETICAL');
  return out;
}

const create = (a: AggregateObject, orReplace: boolean) =>
  `CREATE ${orReplace ? 'OR REPLACE ' : ''}AGGREGATE ${signature(a, a.arguments)} (\n  ${options(a).join(',\n  ')}\n)`;

export const aggregateKind: ObjectKind<AggregateObject> = {
  kind: 'aggregate',
  covers: ['aggregate'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = functionId(r.schema, r.name, r.identity_arguments);
      return { ...fromRow(r), id, dependsOn: refs.dependsOn([['pg_proc', r.oid]], id) };
    });
  },
  dependencies: (a) => [schemaId(a.schema), ...a.dependsOn],
  compare(from, to) {
    const { dependsOn: _f, ...f } = from;
    const { dependsOn: _t, ...t } = to;
    if (sameData(f, t)) return [];
    // CREATE OR REPLACE AGGREGATE keeps the kind, the argument types and the result type.
    if (from.aggKind !== to.aggKind || from.arguments !== to.arguments || from.result !== to.result) return 'recreate';
    return [alterChange(from, to, { type: 'replace' }, { after: aggregateKind.dependencies(to), before: [] })];
  },
  render(change) {
    const a = changedObject(change);
    if (change.op === 'drop') return rendered([`DROP AGGREGATE ${signature(a, a.identityArguments)}`]);
    return rendered([create(a, change.op === 'alter')]);
  },
};
