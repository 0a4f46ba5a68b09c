// Choosing sample values a table's CHECKs accept. Each column the INSERT sets (or foreign key, as one unit) is a
// slot with candidate values in order; the table's CHECKs are evaluated on the candidate rows in one query, and for
// each CHECK that refuses them the slots it reads try other candidates, a bounded number of combinations, kept only
// where no CHECK that held breaks. Domains are checked by a cast: a value the domain refuses is never offered.
import type { Queryable } from '../db/queryable.js';
import { quoteIdent } from '../sql/quote.js';
import type { CatalogCheck } from './catalog.js';

/** Columns set together, and their candidate values (one expression per column, per option). */
export interface Slot {
  readonly columns: readonly string[];
  readonly options: readonly (readonly string[])[];
}

/** Every column the CHECKs may read, with its value in an evaluated row (defaults, NULLs, …). */
export interface Fixed {
  readonly column: string;
  readonly value: string;
}

const MAX_COMBINATIONS = 48;

/** A query that may fail; inside a transaction (`nested`) under a savepoint, so that a failure leaves it usable. */
async function attempt<R extends object>(db: Queryable, sql: string, nested: boolean): Promise<R[] | undefined> {
  if (nested) await db.exec('SAVEPOINT sfm_probe');
  try {
    const rows = await db.query<R>(sql);
    if (nested) await db.exec('RELEASE SAVEPOINT sfm_probe');
    return rows;
  } catch {
    if (nested) await db.exec('ROLLBACK TO SAVEPOINT sfm_probe');
    return undefined;
  }
}

function rowsSql(slots: readonly Slot[], choice: readonly number[], fixed: readonly Fixed[], rows: string): string {
  const cols = [
    ...slots.flatMap((s, i) =>
      s.columns.map((c, k) => `${s.options[choice[i] ?? 0]?.[k] ?? 'NULL'} AS ${quoteIdent(c)}`),
    ),
    ...fixed.map((f) => `${f.value} AS ${quoteIdent(f.column)}`),
  ];
  return `SELECT ${cols.length ? cols.join(', ') : '1 AS sfm_none'} FROM ${rows}`;
}

/** Whether each CHECK holds on every candidate row (NULL holds, as in PostgreSQL); an error holds for none. */
async function evaluate(
  db: Queryable,
  checks: readonly CatalogCheck[],
  slots: readonly Slot[],
  choice: readonly number[],
  fixed: readonly Fixed[],
  rows: string,
  nested: boolean,
): Promise<boolean[]> {
  const tests = checks.map((k, i) => `coalesce(bool_and((${k.expression}) IS NOT FALSE), true) AS c${i}`);
  const r = (
    await attempt<Record<string, boolean>>(
      db,
      `SELECT ${tests.join(', ')} FROM (${rowsSql(slots, choice, fixed, rows)}) AS x`,
      nested,
    )
  )?.[0];
  return checks.map((_, i) => r?.[`c${i}`] === true);
}

function* combinations(sizes: readonly number[]): Generator<number[]> {
  const at = sizes.map(() => 0);
  for (;;) {
    yield [...at];
    let i = 0;
    while (i < at.length && ++at[i]! >= (sizes[i] ?? 1)) at[i++] = 0;
    if (i === at.length) return;
  }
}

/** The option of each slot to use. */
export async function chooseValues(
  db: Queryable,
  checks: readonly CatalogCheck[],
  slots: readonly Slot[],
  fixed: readonly Fixed[],
  rows: string,
  nested = false,
): Promise<number[]> {
  let choice = slots.map(() => 0);
  if (checks.length === 0) return choice;
  let holds = await evaluate(db, checks, slots, choice, fixed, rows, nested);
  for (const [k, check] of checks.entries()) {
    if (holds[k]) continue;
    const involved = slots
      .map((s, i) => (s.columns.some((c) => check.columns.includes(c)) ? i : -1))
      .filter((i) => i >= 0);
    if (involved.length === 0) continue;
    let tried = 0;
    for (const combo of combinations(involved.map((i) => slots[i]?.options.length ?? 1))) {
      if (++tried > MAX_COMBINATIONS) break;
      const trial = [...choice];
      involved.forEach((slot, n) => {
        trial[slot] = combo[n] ?? 0;
      });
      const now = await evaluate(db, checks, slots, trial, fixed, rows, nested);
      if (now[k] && holds.every((held, j) => !held || now[j])) {
        choice = trial;
        holds = now;
        break;
      }
    }
  }
  return choice;
}

/** The candidates a domain accepts, in their order (each tried by a cast of its rows). */
export async function domainAccepts(
  db: Queryable,
  candidates: readonly string[],
  rows: string,
  nested = false,
): Promise<string[]> {
  const out: string[] = [];
  for (const c of candidates) if (await attempt(db, `SELECT count(${c}) FROM ${rows}`, nested)) out.push(c);
  return out;
}
