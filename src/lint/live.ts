// lint against a target (`lint --url`): what the live rows say of a migration's up section, read-only. A NOT NULL
// or a key the rows would violate is counted (the step would fail there), and a data step's rows are estimated by
// the planner (EXPLAIN, not run). The database is read in a READ ONLY transaction under a statement timeout.
import type { AlterTableStmt, Node, RangeVar } from '@pgsql/types';
import type { Queryable } from '../db/queryable.js';
import { qualify, quoteIdent } from '../sql/quote.js';
import type { ParsedStatement } from '../sql/parse.js';
import type { RuleHit } from './rules.js';

const names = (nodes: readonly Node[] | undefined) =>
  (nodes ?? []).flatMap((n) =>
    'String' in n ? [n.String.sval ?? ''] : 'IndexElem' in n ? [n.IndexElem.name ?? ''] : [],
  );

const relation = (r: RangeVar | undefined) => qualify(r?.schemaname ?? 'public', r?.relname ?? '');

async function exists(db: Queryable, table: string): Promise<boolean> {
  const [row] = await db.query<{ t: string | null }>('SELECT pg_catalog.to_regclass($1)::text AS t', [table]);
  return row?.t !== null && row?.t !== undefined;
}

async function count(db: Queryable, sql: string): Promise<number> {
  return Number((await db.query<{ n: string }>(sql))[0]?.n ?? 0);
}

const duplicates = (table: string, cols: readonly string[]) => {
  const list = cols.map(quoteIdent).join(', ');
  const notNull = cols.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ');
  return `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${notNull} GROUP BY ${list} HAVING count(*) > 1) d`;
};

async function alterHits(db: Queryable, a: AlterTableStmt): Promise<RuleHit[]> {
  const table = relation(a.relation);
  if (!(await exists(db, table))) return [];
  const hits: RuleHit[] = [];
  for (const c of a.cmds ?? []) {
    if (!('AlterTableCmd' in c)) continue;
    const cmd = c.AlterTableCmd;
    if (cmd.subtype === 'AT_SetNotNull' && cmd.name) {
      const n = await count(db, `SELECT count(*) AS n FROM ${table} WHERE ${quoteIdent(cmd.name)} IS NULL`);
      if (n > 0)
        hits.push({
          rule: 'live-not-null',
          message: `${n} row(s) of ${table} have ${cmd.name} NULL: SET NOT NULL fails there`,
        });
    }
    const con = cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
    if (
      cmd.subtype === 'AT_AddConstraint' &&
      con &&
      (con.contype === 'CONSTR_UNIQUE' || con.contype === 'CONSTR_PRIMARY')
    ) {
      const cols = names(con.keys);
      const n = cols.length ? await count(db, duplicates(table, cols)) : 0;
      if (n > 0)
        hits.push({
          rule: 'live-unique',
          message: `${n} value(s) of ${table} (${cols.join(', ')}) appear more than once`,
        });
    }
  }
  return hits;
}

type PlanNode = { readonly 'Plan Rows': number; readonly Plans?: readonly PlanNode[] };

async function estimate(db: Queryable, sql: string): Promise<number | undefined> {
  const [row] = await db.query<{ 'QUERY PLAN': readonly { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql}`);
  // ModifyTable reports 0 rows of its own; the scan under it has the rows it touches.
  const top = row?.['QUERY PLAN'][0]?.Plan;
  return top?.Plans?.[0]?.['Plan Rows'] ?? top?.['Plan Rows'];
}

/** The live findings of the up section's statements, read on `db` (read-only, bounded). */
export async function liveHits(
  db: Queryable,
  statements: readonly ParsedStatement[],
): Promise<Map<ParsedStatement, RuleHit[]>> {
  const out = new Map<ParsedStatement, RuleHit[]>();
  await db.exec("BEGIN READ ONLY; SET LOCAL statement_timeout = '30s'; SET LOCAL lock_timeout = '1s'");
  try {
    for (const s of statements) {
      const n = s.tree;
      if (!n) continue;
      // A statement about what an earlier one of the file makes (a column it adds) cannot be read here: skipped.
      await db.exec('SAVEPOINT sfm_lint');
      const hits = await statementHits(db, s, n).then(
        async (h) => {
          await db.exec('RELEASE SAVEPOINT sfm_lint');
          return h;
        },
        async () => {
          await db.exec('ROLLBACK TO SAVEPOINT sfm_lint');
          return [];
        },
      );
      if (hits.length) out.set(s, hits);
    }
  } finally {
    await db.exec('ROLLBACK');
  }
  return out;
}

async function relkind(db: Queryable, table: string): Promise<string | undefined> {
  const [row] = await db.query<{ k: string | null }>(
    'SELECT (SELECT c.relkind::text FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1)) AS k',
    [table],
  );
  return row?.k ?? undefined;
}

async function statementHits(db: Queryable, s: ParsedStatement, n: Node): Promise<RuleHit[]> {
  const hits: RuleHit[] = [];
  // CONCURRENTLY does not exist for a partitioned table's index: it builds on every partition under lock.
  if (
    'IndexStmt' in n &&
    n.IndexStmt.relation?.inh === true &&
    (await relkind(db, relation(n.IndexStmt.relation))) === 'p'
  )
    hits.push({
      rule: 'partitioned-index',
      message: `${relation(n.IndexStmt.relation)} is partitioned: the index is built on every partition, blocking writes`,
    });
  if ('AlterTableStmt' in n) hits.push(...(await alterHits(db, n.AlterTableStmt)));
  if ('IndexStmt' in n && n.IndexStmt.unique) {
    const table = relation(n.IndexStmt.relation);
    const cols = names(n.IndexStmt.indexParams);
    const plain = cols.length === (n.IndexStmt.indexParams ?? []).length && cols.every(Boolean);
    const dup =
      plain && !n.IndexStmt.whereClause && (await exists(db, table)) ? await count(db, duplicates(table, cols)) : 0;
    if (dup > 0)
      hits.push({
        rule: 'live-unique',
        message: `${dup} value(s) of ${table} (${cols.join(', ')}) appear more than once`,
      });
  }
  if (
    ('UpdateStmt' in n || 'DeleteStmt' in n) &&
    (await exists(db, relation('UpdateStmt' in n ? n.UpdateStmt.relation : n.DeleteStmt.relation)))
  ) {
    const rows = await estimate(db, s.sql);
    if (rows !== undefined)
      hits.push({ rule: 'live-rows', message: `affects about ${rows} row(s) (the planner's estimate)` });
  }
  return hits;
}
