// `inspect --format yaml`: a model written as the YAML desired-state format. Schemas, enums, tables (columns and
// constraints) and views are written in YAML's own words; everything else (indexes, functions, triggers, grants,
// comments, …) goes into the file's `sql:` list as the statements that create it, in dependency order. Loading the
// file gives back the same model, so planning it against the inspected database gives an empty plan.
import { Document } from 'yaml';
import { emptyModel, indexById, type Model } from '../../model/model.js';
import { plan } from '../../plan/plan.js';
import { isTable, type TableObject, type Column } from '../../objects/table/table-model.js';
import { isConstraint } from '../../objects/constraint/constraint.js';
import { isEnum } from '../../objects/enum/enum.js';
import { isView } from '../../objects/view/view.js';
import { tableId } from '../../objects/shared/ids.js';

type Entry = Record<string, unknown>;

/** The collation as YAML writes it: a bare name for pg_catalog's, else {schema, name}. */
function collationOf(c: Column): unknown {
  const m = /^"((?:[^"]|"")+)"\."((?:[^"]|"")+)"$/.exec(c.collation ?? '');
  if (!m) return undefined;
  const [schema, name] = [m[1]?.replace(/""/g, '"'), m[2]?.replace(/""/g, '"')];
  return schema === 'pg_catalog' ? name : { schema, name };
}

function columnOf(c: Column): Entry {
  const out: Entry = { name: c.name, type: c.type };
  if (c.notNull && !c.identity) out['nullable'] = false;
  if (c.identity) {
    const o = c.identity.options;
    const num = (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : v);
    out['identity'] = {
      generation: c.identity.generation.toLowerCase(),
      start: num(o.start),
      increment: num(o.increment),
      min: num(o.min),
      max: num(o.max),
      cache: num(o.cache),
      cycle: o.cycle,
    };
  }
  if (c.generated) out['generated'] = c.generated.expression;
  else if (c.default !== null) out['default'] = c.default;
  const collation = collationOf(c);
  if (collation !== undefined) out['collation'] = collation;
  return out;
}

/** Tables YAML can say in its own words: no plain inheritance, no virtual generated columns. */
const native = (t: TableObject) =>
  t.inherits.length === 0 &&
  t.columns.every((c) => !c.generated || c.generated.stored) &&
  (t.partitionOf !== null || t.columns.every((c) => !c.inherited));

export function modelToYaml(model: Model): string {
  const byId = indexById(model);
  const schemas: Entry[] = [];
  const enums: Entry[] = [];
  const tables: Entry[] = [];
  const views: Entry[] = [];
  const sql: string[] = [];
  const tableEntries = new Map<string, Entry>();
  for (const step of plan(emptyModel(), model).steps) {
    const obj = byId.get(step.id);
    const [first, ...rest] = step.statements;
    if (step.kind === 'schema' && obj && first?.startsWith('CREATE SCHEMA')) {
      schemas.push({ name: obj.name });
      sql.push(...rest);
    } else if (isEnum(obj)) {
      const e = obj;
      enums.push({ name: e.name, schema: e.schema, values: [...e.labels] });
    } else if (isTable(obj) && native(obj)) {
      const t = obj;
      const entry: Entry = { name: t.name, schema: t.schema };
      if (t.unlogged) entry['unlogged'] = true;
      if (t.partitionOf)
        entry['partitionOf'] = { table: t.partitionOf.table, schema: t.partitionOf.schema, bound: t.partitionOf.bound };
      else entry['columns'] = t.columns.map(columnOf);
      if (t.partitionKey) entry['partitionBy'] = t.partitionKey;
      tables.push(entry);
      tableEntries.set(t.id, entry);
      sql.push(...rest);
    } else if (isConstraint(obj) && tableEntries.has(tableId(obj.schema, obj.table))) {
      const c = obj;
      const entry = tableEntries.get(tableId(c.schema, c.table)) ?? {};
      const earlier: unknown = entry['constraints'];
      entry['constraints'] = [...(Array.isArray(earlier) ? earlier : []), { name: c.name, definition: c.definition }];
    } else if (isView(obj) && obj.options.length === 0) {
      const v = obj;
      views.push({
        name: v.name,
        schema: v.schema,
        ...(v.materialized ? { materialized: true } : {}),
        query: v.definition.trim().replace(/;$/, ''),
      });
      sql.push(...rest);
    } else {
      sql.push(...step.statements);
    }
  }
  const doc: Entry = {};
  if (schemas.length) doc['schemas'] = schemas;
  if (enums.length) doc['enums'] = enums;
  if (tables.length) doc['tables'] = tables;
  if (views.length) doc['views'] = views;
  if (sql.length) doc['sql'] = sql;
  return `# Written by sfm-schema inspect --format yaml. Format: docs/yaml-format.md\n${new Document(doc).toString({ lineWidth: 0 })}`;
}
