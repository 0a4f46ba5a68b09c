// Sample rows for the proof: a few rows in every table of the current state, so that the plan's steps run against
// data as they will in production (a NOT NULL without default, a conversion, a new unique key all meet rows).
// Values are made per column type from the row number `g`, distinct per row (unique keys hold), foreign keys take
// rows of the referenced table (filled first), defaults, identities and generated columns fill themselves. A table
// that refuses them (a CHECK the values miss, a partition no value falls into) is tried again with its nullable
// columns left NULL, then named and skipped.
import type { Queryable } from '../db/queryable.js';
import { qualify, quoteIdent, quoteLiteral } from '../sql/quote.js';
import type { CatalogColumn, CatalogTable } from './catalog.js';

export const SAMPLE_ROWS = 3;

export interface Sampling {
  /** Tables that hold sample rows now. */
  readonly filled: readonly string[];
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
}

/** A value of the column's base type for row `g` (an SQL expression), or undefined when we know no such value. */
function baseValue(c: CatalogColumn): string | undefined {
  const t = c.baseType;
  const text = (expr: string) => (c.maxLength !== null ? `left(${expr}, ${c.maxLength})` : expr);
  if (c.isEnum) {
    // Labels as text: the enum of a desired column may not exist yet where the rows are made.
    const labels = c.labels ?? [];
    return labels.length ? `(ARRAY[${labels.map(quoteLiteral).join(', ')}])[1 + (g - 1) % ${labels.length}]` : undefined;
  }
  switch (c.category) {
    case 'N': return t === 'money' ? `(g * 1.5)::numeric::money` : /^(oid|regclass|regtype|regproc)/.test(t) ? undefined : `g`;
    case 'S': return text(`g || ' sample'`); // the number first: short types stay distinct
    case 'B': return `(g % 2 = 0)`;
    case 'D':
      if (t === 'date') return `date '2026-01-01' + g`;
      if (t.startsWith('time with') || t === 'time without time zone') return `time '00:00' + g * interval '1 minute'`;
      return `timestamp '2026-01-01 00:00' + g * interval '1 hour'`;
    case 'T': return `g * interval '1 minute'`;
    case 'I': return `('10.0.0.' || g)`;
    case 'V': return `(g || '.0')`;
    case 'U':
      if (t === 'uuid') return `md5(g::text)::uuid`;
      if (t === 'json' || t === 'jsonb') return `json_build_object('sample', g)`;
      if (t === 'bytea') return `decode(md5(g::text), 'hex')`;
      if (t === 'xml') return `('<sample n="' || g || '"/>')`;
      if (t === 'tsvector') return `to_tsvector('simple', 'sample ' || g)`;
      return undefined;
    default: return undefined;
  }
}

function columnValue(c: CatalogColumn): string | undefined {
  const v = baseValue(c);
  if (v === undefined) return undefined;
  return c.isArray ? `ARRAY[${v}]::${c.type}` : `(${v})::${c.type}`;
}

/** Tables in an order where every referenced table comes first (cycles and self-references: as found). */
function ordered(tables: readonly CatalogTable[]): CatalogTable[] {
  const key = (s: string, n: string) => `${s}.${n}`;
  const byKey = new Map(tables.map((t) => [key(t.schema, t.name), t]));
  const out: CatalogTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: CatalogTable) => {
    const k = key(t.schema, t.name);
    if (state.has(k)) return;
    state.set(k, 'visiting');
    for (const fk of t.foreignKeys) {
      const ref = byKey.get(key(fk.refSchema, fk.refTable));
      if (ref && ref !== t) visit(ref);
    }
    state.set(k, 'done');
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** How a table is filled: `converted` gives a column the plan converts a value of its new type (through text),
 * so that a declared conversion meets values it can read; `nulls` leaves nullable columns NULL. */
export type Attempt = 'converted' | 'plain' | 'nulls';
export const ATTEMPTS: readonly Attempt[] = ['converted', 'plain', 'nulls'];

/** Which sample rows an INSERT makes: row numbers `first` to `first + count - 1`. */
export interface RowRange {
  readonly first: number;
  readonly count: number;
}

const SAMPLE: RowRange = { first: 1, count: SAMPLE_ROWS };

/** The INSERT for a table. `future`: the columns of the desired state, by `schema.table.column`. */
export function insertFor(t: CatalogTable, attempt: Attempt, future: ReadonlyMap<string, CatalogColumn>, range: RowRange = SAMPLE): { sql: string } | { reason: string } {
  const nulls = attempt === 'nulls';
  const names: string[] = [];
  const values: string[] = [];
  const fkOf = new Map<string, { fk: CatalogTable['foreignKeys'][number]; i: number }>();
  for (const fk of t.foreignKeys) fk.columns.forEach((c, i) => fkOf.set(c, { fk, i }));
  for (const c of t.columns) {
    if (c.generated || c.identity || c.hasDefault) continue;
    const fk = fkOf.get(c.name);
    const self = fk && fk.fk.refSchema === t.schema && fk.fk.refTable === t.name;
    if (fk && !self) {
      // One referenced row per sample row, the same row for every column of a multi-column key.
      const ref = qualify(fk.fk.refSchema, fk.fk.refTable);
      names.push(c.name);
      values.push(`(SELECT r.${quoteIdent(fk.fk.refColumns[fk.i] ?? '')} FROM ${ref} AS r ORDER BY ${fk.fk.refColumns.map((x) => `r.${quoteIdent(x)}`).join(', ')}
        OFFSET ((g - 1) % greatest((SELECT count(*) FROM ${ref}), 1)) LIMIT 1)`);
      continue;
    }
    if (!c.notNull && (nulls || self)) continue;
    const next = future.get(`${t.schema}.${t.name}.${c.name}`);
    const converted = attempt === 'converted' && next && next.type !== c.type && !next.isArray ? baseValue(next) : undefined;
    const v = converted !== undefined ? `(${converted})::text::${c.type}` : columnValue(c);
    if (v === undefined) {
      if (c.notNull) return { reason: `no sample value for column ${c.name} of type ${c.type}` };
      continue;
    }
    names.push(c.name);
    values.push(v);
  }
  const target = qualify(t.schema, t.name);
  const rows = `generate_series(${range.first}, ${range.first + range.count - 1}) AS g`;
  if (names.length === 0) return { sql: `INSERT INTO ${target} SELECT FROM ${rows}` };
  return { sql: `INSERT INTO ${target} (${names.map(quoteIdent).join(', ')}) SELECT ${values.join(', ')} FROM ${rows}` };
}

/** Fills every table it can; leaf partitions are filled through their partitioned table. */
export async function fillTables(db: Queryable, tables: readonly CatalogTable[], future: ReadonlyMap<string, CatalogColumn> = new Map()): Promise<Sampling> {
  const filled: string[] = [];
  const skipped: { table: string; reason: string }[] = [];
  for (const t of ordered(tables)) {
    if (t.partition) continue;
    const name = `${t.schema}.${t.name}`;
    let reason = '';
    for (const attempt of ATTEMPTS) {
      const insert = insertFor(t, attempt, future);
      if ('reason' in insert) {
        reason = insert.reason;
        break;
      }
      try {
        await db.exec(insert.sql);
        reason = '';
        break;
      } catch (err) {
        reason = (err as Error).message;
      }
    }
    if (reason) skipped.push({ table: name, reason });
    else filled.push(name);
  }
  return { filled, skipped };
}

export const describeSkipped = (s: Sampling['skipped']) => s.map((x) => `${x.table} (${x.reason})`).join('; ');
