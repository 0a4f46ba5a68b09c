// Sample rows for the proof: a few rows in every table of the current state, so that the plan's steps run against
// data as they will in production (a NOT NULL without default, a conversion, a new unique key all meet rows).
// Values are made per column type from the row number `g`, distinct per row (unique keys hold, also where a column
// has a constant default), chosen among candidates so that the table's CHECKs and domains accept them
// (sample-values.ts, sample-search.ts); foreign keys take rows of the referenced table (filled first; tables in a
// cycle are tried again once the others hold rows); defaults, identities and generated columns fill themselves. A
// table that still refuses them (a partition no value falls into) is tried with its nullable columns left NULL, then
// with one row, then named and skipped.
import { messageOf } from '../errors.js';
import type { Queryable } from '../db/queryable.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import type { CatalogColumn, CatalogTable } from './catalog.js';
import { asColumn, baseCandidates } from './sample-values.js';
import { chooseValues, domainAccepts, type Fixed, type Slot } from './sample-search.js';

export const SAMPLE_ROWS = 3;

export interface Sampling {
  /** Tables that hold sample rows now. */
  readonly filled: readonly string[];
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
}

/** Tables in an order where every referenced table comes first (cycles and self-references: as found). */
export function ordered(tables: readonly CatalogTable[]): CatalogTable[] {
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
 * so that a declared conversion meets values it can read; `nulls` leaves nullable columns NULL; `single` does that
 * with one row (a unique boolean or one-label enum has room for no more). */
export type Attempt = 'converted' | 'plain' | 'nulls' | 'single';
export const ATTEMPTS: readonly Attempt[] = ['converted', 'plain', 'nulls', 'single'];

/** Which sample rows an INSERT makes: row numbers `first` to `first + count - 1`. */
export interface RowRange {
  readonly first: number;
  readonly count: number;
}

const SAMPLE: RowRange = { first: 1, count: SAMPLE_ROWS };

type ForeignKey = CatalogTable['foreignKeys'][number];

/** One referenced row per sample row (`shift` rows further on), the same row for every column of the key. */
function referenced(fk: ForeignKey, shift: number): string[] {
  const ref = qualify(fk.refSchema, fk.refTable);
  const order = fk.refColumns.map((x) => `r.${quoteIdent(x)}`).join(', ');
  return fk.refColumns.map(
    (col) => `(SELECT r.${quoteIdent(col)} FROM ${ref} AS r ORDER BY ${order}
        OFFSET ((g - 1 + ${shift}) % greatest((SELECT count(*) FROM ${ref}), 1)) LIMIT 1)`,
  );
}

const NEXTVAL = /\bnextval\(/;

/** Columns a unique index or constraint reads: a constant default would give every row the same value there. */
function uniqueColumns(t: CatalogTable): Set<string> {
  const out = new Set<string>();
  for (const u of t.uniques ?? []) {
    for (const c of u.columns) out.add(c);
    for (const c of t.columns)
      if (u.expressions?.match(new RegExp(`(^|[^\\w"])("?)${c.name.replace(/[^\w]/g, '\\$&')}\\2($|[^\\w"])`)))
        out.add(c.name);
  }
  return out;
}

/** The INSERT for a table. `future`: the columns of the desired state, by `schema.table.column`. */
/** `nested`: the caller holds a transaction open (its probes then run under savepoints). */
export async function insertFor(
  db: Queryable,
  t: CatalogTable,
  attempt: Attempt,
  future: ReadonlyMap<string, CatalogColumn>,
  range: RowRange = SAMPLE,
  nested = false,
): Promise<{ sql: string } | { reason: string }> {
  const nulls = attempt === 'nulls' || attempt === 'single';
  const count = attempt === 'single' ? 1 : range.count;
  const rows = `generate_series(${range.first}, ${range.first + count - 1}) AS g`;
  const slots: Slot[] = [];
  const fixed: Fixed[] = [];
  const fkOf = new Map<string, ForeignKey>();
  for (const fk of t.foreignKeys) for (const c of fk.columns) fkOf.set(c, fk);
  const unique = uniqueColumns(t);
  const checksOf = (c: string) => (t.checks ?? []).filter((k) => k.columns.includes(c)).map((k) => k.expression);
  const seen = new Set<ForeignKey>();
  for (const c of t.columns) {
    const typed = (v: string) => `(${v})::${c.type}`;
    // Identities, sequences and volatile defaults fill themselves; a constant default is set where a unique key reads it.
    const own = c.hasDefault && !(unique.has(c.name) && !NEXTVAL.test(c.defaultExpr ?? '') && !nulls);
    if (c.generated || c.identity || own) {
      const value = c.generated
        ? `NULL::${c.type}`
        : c.identity || NEXTVAL.test(c.defaultExpr ?? '')
          ? typed('g')
          : typed(c.defaultExpr ?? 'NULL');
      fixed.push({ column: c.name, value });
      continue;
    }
    const fk = fkOf.get(c.name);
    const self = fk !== undefined && fk.refSchema === t.schema && fk.refTable === t.name;
    if (fk && !self) {
      if (!seen.has(fk)) slots.push({ columns: fk.columns, options: [0, 1, 2].map((shift) => referenced(fk, shift)) });
      seen.add(fk);
      continue;
    }
    if (!c.notNull && (nulls || self)) {
      fixed.push({ column: c.name, value: `NULL::${c.type}` });
      continue;
    }
    const next = future.get(`${t.schema}.${t.name}.${c.name}`);
    const converted =
      attempt === 'converted' && next && next.type !== c.type && !next.isArray ? baseCandidates(next)[0] : undefined;
    let options = [
      ...(converted !== undefined ? [`(${converted})::text::${c.type}`] : []),
      ...baseCandidates(c, checksOf(c.name)).map((v) => asColumn(c, v)),
    ];
    if (c.isDomain && c.domainChecks?.length) options = await domainAccepts(db, options, rows, nested);
    if (options.length === 0) {
      if (c.notNull) return { reason: `no sample value for column ${c.name} of type ${c.type}` };
      fixed.push({ column: c.name, value: `NULL::${c.type}` });
      continue;
    }
    slots.push({ columns: [c.name], options: options.map((o) => [o]) });
  }
  const choice = await chooseValues(db, t.checks ?? [], slots, fixed, rows, nested);
  const names = slots.flatMap((s) => s.columns);
  const values = slots.flatMap((s, i) => s.options[choice[i] ?? 0] ?? []);
  const target = qualify(t.schema, t.name);
  if (names.length === 0) return { sql: `INSERT INTO ${target} SELECT FROM ${rows}` };
  return {
    sql: `INSERT INTO ${target} (${names.map(quoteIdent).join(', ')}) SELECT ${values.join(', ')} FROM ${rows}`,
  };
}

/** Fills every table it can; leaf partitions are filled through their partitioned table. */
export async function fillTables(
  db: Queryable,
  tables: readonly CatalogTable[],
  future: ReadonlyMap<string, CatalogColumn> = new Map(),
): Promise<Sampling> {
  const filled: string[] = [];
  let left = ordered(tables).filter((t) => !t.partition);
  let skipped: { table: string; reason: string }[] = [];
  // Foreign keys in a cycle leave some table before the rows it references: the tables left are tried again while
  // each round fills one more.
  for (let round = 0; left.length > 0; round++) {
    const failed: CatalogTable[] = [];
    skipped = [];
    for (const t of left) {
      const reason = await fillOne(db, t, future);
      if (reason === undefined) filled.push(`${t.schema}.${t.name}`);
      else {
        failed.push(t);
        skipped.push({ table: `${t.schema}.${t.name}`, reason });
      }
    }
    if (failed.length === left.length) break;
    left = failed;
  }
  return { filled, skipped };
}

/** Tries each attempt; the last reason when none goes in. */
async function fillOne(
  db: Queryable,
  t: CatalogTable,
  future: ReadonlyMap<string, CatalogColumn>,
): Promise<string | undefined> {
  let reason = '';
  for (const attempt of ATTEMPTS) {
    const insert = await insertFor(db, t, attempt, future);
    if ('reason' in insert) return insert.reason;
    try {
      await db.exec(insert.sql);
      return undefined;
    } catch (err) {
      reason = messageOf(err);
    }
  }
  return reason;
}
