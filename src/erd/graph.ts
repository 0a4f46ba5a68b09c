// The entity-relationship graph of a model: tables with their columns (type, PK, FK, NOT NULL), foreign keys as
// edges with their cardinality, views with edges to what they read, enums. Plain data; dot.ts, mermaid.ts and svg.ts
// draw it. `focus` keeps a neighbourhood of some tables, so that large schemas stay readable.
import type { Model, ObjectId } from '../model/model.js';
import { isTable } from '../objects/table/table-model.js';
import type { ConstraintObject } from '../objects/constraint/constraint.js';
import { isView } from '../objects/view/view.js';
import { isEnum } from '../objects/enum/enum.js';
import { tableId } from '../objects/shared/ids.js';

interface ErdColumn {
  readonly name: string;
  readonly type: string;
  readonly primaryKey: boolean;
  readonly foreignKey: boolean;
  readonly notNull: boolean;
}

export type Mark = 'added' | 'changed' | 'dropped';

export interface ErdNode {
  readonly id: ObjectId;
  readonly kind: 'table' | 'view' | 'enum';
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly ErdColumn[];
  /** Enum labels. */
  readonly labels: readonly string[];
  readonly mark?: Mark;
}

export interface ErdEdge {
  readonly from: ObjectId;
  readonly to: ObjectId;
  /** A foreign key (with its columns), or a view reading a relation. */
  readonly kind: 'foreign-key' | 'reads';
  readonly label: string;
  /** Foreign keys: many rows to one, or one to one (the key's columns are unique in the referencing table). */
  readonly cardinality?: 'many-to-one' | 'one-to-one';
  readonly optional?: boolean;
}

export interface ErdGraph {
  readonly nodes: readonly ErdNode[];
  readonly edges: readonly ErdEdge[];
}

export interface ErdOptions {
  /** Only these schemas. */
  readonly schemas?: readonly string[] | undefined;
  /** Keep these tables (`name` or `schema.name`) and what lies within `depth` edges of them. */
  readonly focus?: readonly string[] | undefined;
  readonly depth?: number | undefined;
  /** Objects to colour (a plan's changes), by id. */
  readonly marks?: ReadonlyMap<ObjectId, Mark> | undefined;
}

const fkColumns = (definition: string) =>
  /^FOREIGN KEY \(([^)]*)\)/
    .exec(definition)?.[1]
    ?.split(',')
    .map((c) => c.trim().replace(/^"|"$/g, '')) ?? [];

export function erdGraph(model: Model, o: ErdOptions = {}): ErdGraph {
  const inScope = (schema: string) => !o.schemas || o.schemas.includes(schema);
  const tables = model.objects.filter(isTable).filter((x) => inScope(x.schema));
  const constraints = model.objects.filter((x): x is ConstraintObject => x.kind === 'constraint');
  const keysOf = new Map<ObjectId, ConstraintObject[]>();
  for (const c of constraints) {
    const id = tableId(c.schema, c.table);
    keysOf.set(id, [...(keysOf.get(id) ?? []), c]);
  }
  const nodes: ErdNode[] = [];
  const edges: ErdEdge[] = [];
  for (const t of tables) {
    const keys = keysOf.get(t.id) ?? [];
    const pk = new Set(keys.filter((k) => k.type === 'p').flatMap((k) => k.columns));
    const fks = keys.filter((k) => k.type === 'f');
    const fkCols = new Set(fks.flatMap((k) => fkColumns(k.definition)));
    nodes.push({
      id: t.id,
      kind: 'table',
      schema: t.schema,
      name: t.name,
      labels: [],
      columns: t.columns.map((c) => ({
        name: c.name,
        type: c.type,
        primaryKey: pk.has(c.name),
        foreignKey: fkCols.has(c.name),
        notNull: c.notNull,
      })),
    });
    for (const fk of fks) {
      // Its references hold its own table too (pg_depend): the other one, or its own for a self-reference.
      const tablesReferenced = fk.references.filter((r) => r.startsWith('table:'));
      const target = tablesReferenced.find((r) => r !== t.id) ?? tablesReferenced[0];
      if (!target) continue;
      const cols = fkColumns(fk.definition);
      const unique = keys.some(
        (k) =>
          (k.type === 'p' || k.type === 'u') &&
          k.columns.length === cols.length &&
          cols.every((c) => k.columns.includes(c)),
      );
      const optional = cols.some((c) => !t.columns.find((x) => x.name === c)?.notNull);
      edges.push({
        from: t.id,
        to: target,
        kind: 'foreign-key',
        label: cols.join(', '),
        cardinality: unique ? 'one-to-one' : 'many-to-one',
        optional,
      });
    }
  }
  for (const v of model.objects.filter(isView).filter((x) => inScope(x.schema))) {
    nodes.push({
      id: v.id,
      kind: 'view',
      schema: v.schema,
      name: v.name,
      labels: [],
      columns: v.columns.map((c) => ({
        name: c.name,
        type: c.type,
        primaryKey: false,
        foreignKey: false,
        notNull: false,
      })),
    });
    for (const d of v.dependsOn)
      if (d.startsWith('table:') || d.startsWith('view:')) edges.push({ from: v.id, to: d, kind: 'reads', label: '' });
  }
  for (const e of model.objects.filter(isEnum).filter((x) => inScope(x.schema))) {
    nodes.push({ id: e.id, kind: 'enum', schema: e.schema, name: e.name, labels: e.labels, columns: [] });
  }
  const ids = new Set(nodes.map((n) => n.id));
  const graph = {
    nodes: nodes.map((n) => {
      const mark = o.marks?.get(n.id);
      return mark ? { ...n, mark } : n;
    }),
    edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
  return o.focus?.length ? neighbourhood(graph, o.focus, o.depth ?? 1) : graph;
}

/** The focused tables and what lies within `depth` edges of them (either direction); enums stay only if kept. */
function neighbourhood(g: ErdGraph, focus: readonly string[], depth: number): ErdGraph {
  const matches = (n: ErdNode, f: string) => f === n.name || f === `${n.schema}.${n.name}`;
  let keep = new Set(g.nodes.filter((n) => focus.some((f) => matches(n, f))).map((n) => n.id));
  for (let d = 0; d < depth; d++) {
    const next = new Set(keep);
    for (const e of g.edges) {
      if (keep.has(e.from)) next.add(e.to);
      if (keep.has(e.to)) next.add(e.from);
    }
    keep = next;
  }
  return {
    nodes: g.nodes.filter((n) => keep.has(n.id)),
    edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}
