// Functions and procedures, identified by name and argument types. A body, volatility, security or settings
// change is a CREATE OR REPLACE; a change of result type or argument names/defaults drops and re-creates it
// (with its dependents). String SQL bodies are not tracked by pg_depend: their parsed references order the plan
// where that makes no cycle (`wants`), creates of functions run after the other creates that are ready
// (`createLate`), and migrations run with check_function_bodies = off for what neither sees.
import type { DiffContext, ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, Model, ObjectId } from '../../model/model.js';
import { qualify } from '../../sql/quote.js';
import { notFromExtension, notInternal, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, functionId, objectId, tableId, viewId, sequenceId } from '../shared/ids.js';
import { ensureParser } from '../../sql/parse.js';
import { sqlBodyRefs, type BodyRef } from '../../sql/body-refs.js';
import { rendered } from '../shared/simple.js';
import { alterChange, createChange } from '../shared/change.js';
import { resource, type Resource } from '../../model/resource.js';

export interface FunctionObject extends DbObject {
  readonly kind: 'function';
  readonly schema: string;
  readonly procedure: boolean;
  /** Argument types only: the identity. */
  readonly identityArguments: string;
  /** Names, modes, types and defaults. */
  readonly arguments: string;
  readonly result: string | null;
  /** pg_get_functiondef(): a complete CREATE OR REPLACE statement. */
  readonly definition: string;
  readonly dependsOn: readonly ObjectId[];
  /** What a string SQL body calls and reads (parsed; names as written). */
  readonly bodyRefs: readonly BodyRef[];
}

// The schema filter runs first (materialized): on PostgreSQL 15 the planner otherwise evaluates the per-row
// checks over every built-in function (~370 ms instead of ~10 ms).
const QUERY = `
WITH p AS MATERIALIZED (
  SELECT p.* FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p') AND ${schemaFilter('n.nspname')}
)
SELECT n.nspname AS schema, p.proname AS name, p.prokind = 'p' AS procedure,
  pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
  pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
  pg_catalog.pg_get_function_result(p.oid) AS result,
  pg_catalog.pg_get_functiondef(p.oid) AS definition,
  p.oid::text AS oid
FROM p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE ${notFromExtension('pg_proc', 'p.oid')} AND ${notInternal('pg_proc', 'p.oid')}`;

interface Row {
  schema: string;
  name: string;
  procedure: boolean;
  identity_arguments: string;
  arguments: string;
  result: string | null;
  definition: string;
  oid: string;
}

function functionSignature(f: FunctionObject): string {
  return `${qualify(f.schema, f.name)}(${f.identityArguments})`;
}

export const functionKind: ObjectKind<FunctionObject> = {
  kind: 'function',
  covers: ['function', 'procedure'],
  createLate: true,
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    await ensureParser();
    return rows.map((r) => {
      const id = functionId(r.schema, r.name, r.identity_arguments);
      return {
        kind: 'function',
        id,
        schema: r.schema,
        name: r.name,
        procedure: r.procedure,
        identityArguments: r.identity_arguments,
        arguments: r.arguments,
        result: r.result,
        definition: r.definition.trim(),
        dependsOn: refs.dependsOn([['pg_proc', r.oid]], id),
        bodyRefs: / LANGUAGE sql\b/.test(r.definition) ? sqlBodyRefs(r.definition) : [],
      };
    });
  },
  dependencies: (f) => [schemaId(f.schema), ...f.dependsOn],
  compare(from, to, ctx) {
    if (from.definition === to.definition) return [];
    if (from.procedure !== to.procedure || from.result !== to.result || from.arguments !== to.arguments)
      return 'recreate';
    return [
      {
        ...alterChange(from, to, { type: 'replace' }, { after: functionKind.dependencies(to), before: [] }),
        wants: bodyCreates(to, ctx),
      },
    ];
  },
  creates(f, ctx) {
    return [{ ...createChange(f, functionKind.dependencies(f)), wants: bodyCreates(f, ctx) }];
  },
  normalize: ({ bodyRefs: _refs, ...rest }) => rest,
  render(change) {
    const f = changedObject(change);
    if (change.op === 'drop')
      return rendered([`DROP ${f.procedure ? 'PROCEDURE' : 'FUNCTION'} ${functionSignature(f)}`]);
    return rendered([f.definition]);
  },
};

/** Creates of what the body uses, by id in the target model: a name the body leaves unqualified is looked up in the
 * function's own schema, then in public (the usual search_path). */
function bodyCreates(f: FunctionObject, ctx: DiffContext): Resource[] {
  const functions = functionsByName(ctx.to);
  const keys: Resource[] = [];
  for (const ref of f.bodyRefs) {
    for (const schema of ref.schema !== null ? [ref.schema] : [f.schema, 'public']) {
      const ids =
        ref.kind === 'function'
          ? (functions.get(objectId('function', schema, ref.name)) ?? [])
          : [tableId(schema, ref.name), viewId(schema, ref.name), sequenceId(schema, ref.name)].filter((id) =>
              ctx.toById.has(id),
            );
      const found = ids.filter((id) => id !== f.id);
      keys.push(...found.map((id) => resource.exists(id)));
      if (found.length > 0) break;
    }
  }
  return [...new Set(keys)];
}

const byName = new WeakMap<Model, Map<string, ObjectId[]>>();

/** Overloads by `function:schema.name`, built once per model. */
function functionsByName(model: Model): Map<string, ObjectId[]> {
  let map = byName.get(model);
  if (!map) {
    map = new Map();
    for (const o of model.objects) {
      if (o.kind !== 'function' || !o.schema) continue;
      const key = objectId('function', o.schema, o.name);
      map.set(key, [...(map.get(key) ?? []), o.id]);
    }
    byName.set(model, map);
  }
  return map;
}
