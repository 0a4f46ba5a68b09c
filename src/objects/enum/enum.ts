// Enum types. Added labels use ALTER TYPE … ADD VALUE; removed or reordered labels re-create the type and
// re-point every column that uses it (dropping and restoring their defaults around the change).
import type { AlterObject, ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import { type DbObject, isKind } from '../../model/model.js';
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { columnKey, schemaId, typeId, relationSlot, tableId } from '../shared/ids.js';
import { rendered } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { isTable, type TableObject } from '../table/table-model.js';
import { objectOf } from '../../model/model.js';

export interface EnumObject extends DbObject {
  readonly kind: 'enum';
  readonly schema: string;
  readonly labels: readonly string[];
}

export const isEnum = isKind<EnumObject>('enum');

interface AddValues {
  readonly type: 'add-values';
  readonly adds: readonly { label: string; before?: string; after?: string }[];
}
interface Recreate {
  readonly type: 'recreate';
  readonly columns: readonly {
    table: string;
    schema: string;
    column: string;
    array: boolean;
    default: string | null;
  }[];
}

const QUERY = `
SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e' AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
GROUP BY n.nspname, t.typname`;

/** Label additions that keep the old labels in their order, or undefined when that is impossible. */
function planAdds(from: readonly string[], to: readonly string[]): AddValues['adds'] | undefined {
  const kept = to.filter((l) => from.includes(l));
  if (kept.length !== from.length || kept.some((l, i) => l !== from[i])) return undefined;
  const adds: { label: string; before?: string; after?: string }[] = [];
  to.forEach((label, i) => {
    if (from.includes(label)) return;
    const prev = to[i - 1];
    adds.push(prev === undefined ? { label, before: to[i + 1] } : { label, after: prev });
  });
  return adds;
}

function usingColumns(
  e: EnumObject,
  tables: Iterable<DbObject>,
  keep: (t: TableObject, c: string) => boolean,
): Recreate['columns'] {
  const out: Recreate['columns'][number][] = [];
  for (const t of tables) {
    if (!isTable(t)) continue;
    for (const c of t.columns) {
      if (c.typeRef === e.id && keep(t, c.name)) {
        out.push({ schema: t.schema, table: t.name, column: c.name, array: c.typeIsArray, default: c.default });
      }
    }
  }
  return out;
}

export const enumKind: ObjectKind<EnumObject, AddValues | Recreate> = {
  kind: 'enum',
  covers: ['enum'],
  async introspect(db, scope) {
    const rows = await db.query<{ schema: string; name: string; labels: string[] }>(QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'enum',
      id: typeId(r.schema, r.name),
      schema: r.schema,
      name: r.name,
      labels: r.labels,
    }));
  },
  dependencies: (e) => [schemaId(e.schema)],
  slot: (e) => relationSlot(e.schema, e.name),
  compare(from, to, ctx) {
    if (from.labels.join('\u0000') === to.labels.join('\u0000')) return [];
    const deps = { after: [schemaId(to.schema)], before: [] };
    const adds = planAdds(from.labels, to.labels);
    const change = (action: AddValues | Recreate): AlterObject<EnumObject, AddValues | Recreate> => ({
      ...alterChange(from, to, action, deps, { visible: true }),
      replacesIdentity: action.type === 'recreate',
    });
    if (adds) return [change({ type: 'add-values', adds })];
    const columns = usingColumns(from, ctx.from.objects, (t, c) => {
      const target = objectOf(ctx.toById, t.id, isTable);
      return target?.columns.some((col) => col.name === c) ?? false;
    }).map((c) => {
      const target = objectOf(ctx.toById, tableId(c.schema, c.table), isTable);
      const col = target?.columns.find((x) => x.name === c.column);
      return { ...c, default: col?.typeRef === to.id ? (col.default ?? null) : null };
    });
    return [change({ type: 'recreate', columns })];
  },
  retypedColumns(change) {
    const action = change.action;
    return action.type === 'recreate' ? action.columns.map((c) => columnKey(c.schema, c.table, c.column)) : [];
  },
  render(change) {
    const e = changedObject(change);
    const name = qualify(e.schema, e.name);
    const labels = e.labels.map(quoteLiteral).join(', ');
    if (change.op === 'create') return rendered([`CREATE TYPE ${name} AS ENUM (${labels})`]);
    if (change.op === 'drop') return rendered([`DROP TYPE ${name}`]);
    const action = change.action;
    if (action.type === 'add-values') {
      // A value added in a transaction cannot be used before that transaction commits (a default or a row of the
      // same migration would fail): these run on their own before the migration's transaction, and IF NOT EXISTS
      // makes that safe to repeat after a failed run.
      return {
        statements: action.adds.map(
          (a) =>
            `ALTER TYPE ${name} ADD VALUE IF NOT EXISTS ${quoteLiteral(a.label)}` +
            (a.after !== undefined
              ? ` AFTER ${quoteLiteral(a.after)}`
              : a.before !== undefined
                ? ` BEFORE ${quoteLiteral(a.before)}`
                : ''),
        ),
        hazards: [],
        nonTransactional: true,
      };
    }
    const oldName = `${e.name}__sfm_old`;
    const stmts = [`ALTER TYPE ${name} RENAME TO ${quoteIdent(oldName)}`, `CREATE TYPE ${name} AS ENUM (${labels})`];
    for (const c of action.columns) {
      const table = qualify(c.schema, c.table);
      const col = quoteIdent(c.column);
      const target = c.array ? `${name}[]` : name;
      stmts.push(`ALTER TABLE ${table} ALTER COLUMN ${col} DROP DEFAULT`);
      stmts.push(
        `ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${target} USING ${col}::text${c.array ? '[]' : ''}::${target}`,
      );
      if (c.default !== null) stmts.push(`ALTER TABLE ${table} ALTER COLUMN ${col} SET DEFAULT ${c.default}`);
    }
    stmts.push(`DROP TYPE ${qualify(e.schema, oldName)}`);
    return rendered(stmts, action.columns.length > 0 ? ['TABLE_REWRITE', 'ACCESS_EXCLUSIVE_LOCK'] : []);
  },
  normalize: (e) => e,
};
