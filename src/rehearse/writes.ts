// After the up steps, and again after the down steps, the application must still be able to write: rows surviving
// says nothing about where a sequence stands, and a key drawn from a sequence behind the rows collides on the next
// insert (an outage of every write to the table). So the proof writes one more row into every table it filled,
// leaving defaults, identities and sequences to the table, and requires every sequence to stand above the values of
// the columns that draw on it. The rows written are rolled back; the sequences keep the values they handed out.
import { queryUnion, type Queryable } from '../db/queryable.js';
import { sqlStateOf, messageOf } from '../errors.js';
import type { Scope } from '../model/scope.js';
import { schemaFilter, scopeParams } from '../objects/shared/scope.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import { doBlock } from '../sql/do-block.js';
import type { CatalogTable } from './catalog.js';
import { ATTEMPTS, insertFor, ordered, SAMPLE_ROWS } from './sample-rows.js';

/** A column whose values a sequence hands out (its identity, or a default that calls nextval). */
interface Draw {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly sequence: string;
  readonly increment: string;
}

export interface WriteProblem {
  /** `schema.table`. */
  readonly table: string;
  readonly message: string;
  readonly sqlstate?: string;
}

export interface WriteCheck {
  /** The application could not write: a key collides with a sequence's value, or a sequence stands behind. */
  readonly broken: readonly WriteProblem[];
  /** Tables the check could not write for reasons of its sample values (a CHECK they miss): named, not failed. */
  readonly notWritten: readonly WriteProblem[];
}

const DRAWS = `
WITH drawn AS (
  SELECT ad.adrelid AS rel, ad.adnum AS att, d.refobjid AS seq
  FROM pg_catalog.pg_attrdef ad
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid = ad.oid
    AND d.refclassid = 'pg_catalog.pg_class'::regclass
  UNION
  SELECT d.refobjid, d.refobjsubid, d.objid
  FROM pg_catalog.pg_depend d
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'i')
SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, qualified.name AS sequence, q.seqincrement::text AS increment
FROM drawn
JOIN pg_catalog.pg_sequence q ON q.seqrelid = drawn.seq
JOIN pg_catalog.pg_class c ON c.oid = drawn.rel AND c.relkind IN ('r', 'p') AND NOT c.relispartition
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = drawn.rel AND a.attnum = drawn.att AND NOT a.attisdropped
  AND a.atttypid IN ('pg_catalog.int2'::regtype, 'pg_catalog.int4'::regtype, 'pg_catalog.int8'::regtype)
JOIN pg_catalog.pg_class sc ON sc.oid = drawn.seq
JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
CROSS JOIN LATERAL (SELECT pg_catalog.quote_ident(sn.nspname) || '.' || pg_catalog.quote_ident(sc.relname) AS name) AS qualified
WHERE ${schemaFilter('n.nspname')}
ORDER BY 1, 2, 3`;

async function readDraws(db: Queryable, scope: Scope): Promise<Draw[]> {
  return db.query<Draw>(DRAWS, scopeParams(scope));
}

/** Sequences whose next value is not above the largest value of a column drawing on them (ascending ones). */
async function sequencesBehind(db: Queryable, draws: readonly Draw[]): Promise<WriteProblem[]> {
  const rising = draws.filter((d) => BigInt(d.increment) > 0n);
  if (rising.length === 0) return [];
  // The sequence's name is quoted and qualified by the query: it is SQL text already.
  const parts = rising.map(
    (
      d,
      i,
    ) => `SELECT ${i} AS i, (SELECT max(x.${quoteIdent(d.column)})::text FROM ${qualify(d.schema, d.table)} AS x) AS top,
    s.last_value::text AS last, s.is_called AS called FROM ${d.sequence} AS s`,
  );
  const rows = await queryUnion<{ i: number; top: string | null; last: string; called: boolean }>(db, parts);
  const out: WriteProblem[] = [];
  for (const r of rows) {
    const d = rising[r.i];
    if (!d || r.top === null) continue;
    const next = r.called ? BigInt(r.last) + BigInt(d.increment) : BigInt(r.last);
    if (next > BigInt(r.top)) continue;
    out.push({
      table: `${d.schema}.${d.table}`,
      message:
        `the next value of sequence ${d.sequence} is ${next}, not above the largest ` +
        `${d.schema}.${d.table}.${d.column} (${r.top}): the next insert draws a value that a row holds`,
    });
  }
  return out;
}

// A unique key that collides, or a sequence at its end: the table's own value sources are wrong.
const COLLISIONS: ReadonlySet<string> = new Set(['23505', '2200H']);

/** One more row in each of `tables` whose `schema.name` is in `wanted`, inside the caller's transaction (which is
 * rolled back: the rows go, the values the sequences handed out stay handed out). */
async function writeOneMore(
  db: Queryable,
  tables: readonly CatalogTable[],
  wanted: ReadonlySet<string>,
  draws: readonly Draw[],
): Promise<WriteCheck> {
  const broken: WriteProblem[] = [];
  const notWritten: WriteProblem[] = [];
  const drawn = new Set(draws.map((d) => `${d.schema}.${d.table}.${d.column}`));
  const report = (t: CatalogTable, problem: Failure) => {
    const key = `${t.schema}.${t.name}`;
    // A collision on a key of columns no sequence fills (two foreign keys the sample row shares with a row) is the
    // sample's, not the plan's.
    const unique = (t.uniques ?? []).find((u) => u.name === problem.constraint);
    const sequenced =
      problem.sqlstate === '2200H' || (unique !== undefined && unique.columns.some((c) => drawn.has(`${key}.${c}`)));
    const { constraint: _, ...reported } = problem;
    (COLLISIONS.has(problem.sqlstate ?? '') && sequenced ? broken : notWritten).push({ table: key, ...reported });
  };
  // Referenced tables first: a new row may need a new row to point at (a key that is also a foreign key).
  const targets = ordered(tables).filter((t) => !t.partition && wanted.has(`${t.schema}.${t.name}`));
  const first: { t: CatalogTable; sql: string }[] = [];
  for (const t of targets) {
    const insert = await insertFor(db, t, 'plain', new Map(), NEXT_ROW, true);
    if ('reason' in insert) report(t, { message: insert.reason });
    else first.push({ t, sql: insert.sql });
  }
  const failed = await insertEach(
    db,
    first.map((f) => f.sql),
  );
  for (const [n, f] of first.entries()) {
    if (!failed.has(n)) continue;
    // The other forms of the sample row, one by one (few tables come here).
    const problem = await writeOne(db, f.t);
    if (problem) report(f.t, problem);
  }
  return { broken, notWritten };
}

const NEXT_ROW = { first: SAMPLE_ROWS + 1, count: 1 };

/**
 * Runs the INSERTs in one block on the server, each in a subtransaction of its own, instead of three round trips
 * each (at 1,000 tables that was most of the check). Returns the failed ones by position.
 */
async function insertEach(db: Queryable, inserts: readonly string[]): Promise<Set<number>> {
  if (inserts.length === 0) return new Set();
  await db.exec('CREATE TEMPORARY TABLE sfm_write_failed (n int) ON COMMIT DROP');
  await db.exec(
    doBlock([
      'BEGIN',
      ...inserts.map(
        (sql, n) => `BEGIN ${sql}; EXCEPTION WHEN OTHERS THEN INSERT INTO sfm_write_failed VALUES (${n}); END;`,
      ),
      'END',
    ]),
  );
  const rows = await db.query<{ n: number }>('SELECT n FROM sfm_write_failed');
  return new Set(rows.map((r) => r.n));
}

type Failure = Omit<WriteProblem, 'table'> & { readonly constraint?: string };

/** Tries the sample row's forms in turn (see sample-rows.ts); the last error when none goes in. */
async function writeOne(db: Queryable, t: CatalogTable): Promise<Failure | undefined> {
  let last: Failure | undefined;
  for (const attempt of ATTEMPTS) {
    const insert = await insertFor(db, t, attempt, new Map(), NEXT_ROW, true);
    if ('reason' in insert) return { message: insert.reason };
    await db.exec('SAVEPOINT sfm_write');
    try {
      await db.exec(insert.sql);
      await db.exec('RELEASE SAVEPOINT sfm_write');
      return undefined;
    } catch (err) {
      await db.exec('ROLLBACK TO SAVEPOINT sfm_write');
      const sqlstate = sqlStateOf(err);
      const constraint = (err as { constraint?: unknown }).constraint;
      last = {
        message: messageOf(err),
        ...(sqlstate ? { sqlstate } : {}),
        ...(typeof constraint === 'string' ? { constraint } : {}),
      };
    }
  }
  return last;
}

/** Both checks, for the tables in `wanted`, in a transaction rolled back after them. */
export async function checkWrites(
  db: Queryable,
  scope: Scope,
  tables: readonly CatalogTable[],
  wanted: ReadonlySet<string>,
): Promise<WriteCheck> {
  const draws = (await readDraws(db, scope)).filter((d) => wanted.has(`${d.schema}.${d.table}`));
  await db.exec('BEGIN');
  try {
    // JIT compiled the unions of the sequence check for three quarters of its time.
    await db.exec('SET LOCAL jit = off');
    const behind = await sequencesBehind(db, draws);
    const written = await writeOneMore(db, tables, wanted, draws);
    return { broken: [...behind, ...written.broken], notWritten: written.notWritten };
  } finally {
    await db.exec('ROLLBACK');
  }
}
