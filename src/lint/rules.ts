// What a statement of a migration does to a table in use, read from its parse tree. Each rule names the hazard
// sfm-schema's own planner would attach to the same change, so hand-written and generated files are judged alike.
import type { AlterTableStmt, ColumnDef, Node, RangeVar } from '@pgsql/types';
import type { Hazard } from '../model/hazard.js';
import type { ParsedStatement } from '../sql/parse.js';
import { functionNamesIn } from '../sql/functions.js';

export interface RuleHit {
  readonly rule: string;
  readonly hazard?: Hazard;
  readonly message: string;
  /** A hazard the statement may carry, which the rule cannot tell from the file (a type change that may widen): a
   * warning unless the header declares it. */
  readonly possible?: Hazard;
  /** The column a column rule is about (lint.ts reads what the file's step says of it). */
  readonly column?: string;
  /** The constraint a constraint drop names, of the statement's table (lint.ts looks for it in the section). */
  readonly constraint?: string;
  /** The statement's table, `schema.table`, where a rule needs it beside its message. */
  readonly table?: string;
}

/** What the rules know of the file so far: tables it creates, NOT NULL checks it has validated. */
export interface LintState {
  readonly createdTables: Set<string>;
  readonly notNullChecks: Map<string, string>;
  readonly validated: Set<string>;
  /** `schema.table.column` values copied to a migration's archive before the column is dropped. */
  readonly archivedColumns: Set<string>;
}

/** The first name of a list of names (`ColumnRef.fields`, a qualified name's `List.items`). */
const firstName = (nodes: readonly Node[] | undefined): string | undefined => {
  const first = nodes?.[0];
  return first && 'String' in first ? first.String.sval : undefined;
};

// Functions whose default gives each existing row its own value: adding such a column rewrites the table.
const VOLATILE = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'txid_current',
]);

// Types that an ALTER COLUMN … TYPE can reach without a rewrite from some other type (objects/table/type-change.ts).
const WIDENABLE = new Set([
  'varchar',
  'text',
  'numeric',
  'timestamp',
  'timestamptz',
  'time',
  'timetz',
  'interval',
  'varbit',
  'inet',
]);

/** The new type may keep the storage (which depends on the old type): built-in widenable ones and user types
 * (domains), converted implicitly or by a plain cast of the column. */
function maybeBinary(col: ColumnDef | undefined): boolean {
  const names = (col?.typeName?.names ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
  const [schema, type] = names.length > 1 ? names : ['', names[0] ?? ''];
  const using = col?.raw_default;
  const plain =
    using === undefined || 'ColumnRef' in using || ('TypeCast' in using && 'ColumnRef' in (using.TypeCast.arg ?? {}));
  if (!plain || (col?.typeName?.arrayBounds?.length ?? 0) > 0) return false;
  return schema !== 'pg_catalog' || WIDENABLE.has(type ?? '');
}

const tableName = (r: RangeVar | undefined) => `${r?.schemaname ?? 'public'}.${r?.relname ?? ''}`;

function alterTable(node: AlterTableStmt, state: LintState): RuleHit[] {
  const table = tableName(node.relation);
  const cmds = (node.cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? [c.AlterTableCmd] : []));
  const hits: RuleHit[] = [];
  const fresh = state.createdTables.has(table);
  for (const cmd of cmds) {
    const sub = String(cmd.subtype);
    const name = cmd.name ?? '';
    const con = cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
    const col = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
    if (sub === 'AT_DropColumn' && !state.archivedColumns.has(`${table}.${name}`))
      hits.push({
        rule: 'drop-column',
        hazard: 'DELETES_DATA',
        message: `drops column ${name} of ${table} and its data`,
      });
    if (sub === 'AT_ValidateConstraint') state.validated.add(`${table}.${name}`);
    if (fresh) continue;
    if (sub === 'AT_AlterColumnType') {
      // `TYPE t COLLATE c` without USING is how a collation alone changes (no rewrite); the old type is unknown here.
      const collationOnly = col?.collClause !== undefined && col.raw_default === undefined;
      hits.push(
        collationOnly
          ? {
              rule: 'column-collation',
              column: name,
              possible: 'TABLE_REWRITE',
              message:
                `changing the collation of ${table}.${name} rebuilds its indexes under lock (and rewrites the table ` +
                `if the type changes too)`,
            }
          : maybeBinary(col)
            ? {
                rule: 'column-type',
                column: name,
                possible: 'TABLE_REWRITE',
                message:
                  `changing the type of ${table}.${name} rewrites the table under an ACCESS EXCLUSIVE lock, unless ` +
                  `the change only widens or is binary (varchar(n) → longer or text, numeric precision up, a domain ` +
                  `without constraints); the old type is not in this file`,
              }
            : {
                rule: 'column-type',
                hazard: 'TABLE_REWRITE',
                message: `changing the type of ${table}.${name} rewrites the table under an ACCESS EXCLUSIVE lock`,
              },
      );
    }
    if (sub === 'AT_SetLogged' || sub === 'AT_SetUnLogged')
      hits.push({ rule: 'persistence', hazard: 'TABLE_REWRITE', message: `SET LOGGED/UNLOGGED rewrites ${table}` });
    if (sub === 'AT_SetNotNull') {
      const check = state.notNullChecks.get(`${table}.${name}`);
      if (!check || !state.validated.has(`${table}.${check}`)) {
        hits.push({
          rule: 'set-not-null',
          hazard: 'ACCESS_EXCLUSIVE_LOCK',
          message:
            `SET NOT NULL on ${table}.${name} scans the table under an ACCESS EXCLUSIVE lock; add a CHECK (${name} IS ` +
            `NOT NULL) NOT VALID and VALIDATE it first`,
        });
      }
    }
    if (sub === 'AT_AddConstraint' && con) {
      const type = String(con.contype);
      const test = con.raw_expr && 'NullTest' in con.raw_expr ? con.raw_expr.NullTest : undefined;
      const tested = test?.arg && 'ColumnRef' in test.arg ? firstName(test.arg.ColumnRef.fields) : undefined;
      const checked = test?.nulltesttype === 'IS_NOT_NULL' ? tested : undefined;
      if (type === 'CONSTR_CHECK' && checked && con.conname)
        state.notNullChecks.set(`${table}.${checked}`, con.conname);
      if ((type === 'CONSTR_CHECK' || type === 'CONSTR_FOREIGN') && con.skip_validation !== true) {
        hits.push({
          rule: 'validating-constraint',
          hazard: 'ACCESS_EXCLUSIVE_LOCK',
          message:
            `adding a ${type === 'CONSTR_CHECK' ? 'check' : 'foreign key'} to ${table} scans it under lock; add it ` +
            `NOT VALID and VALIDATE it in a later step`,
        });
      }
      if ((type === 'CONSTR_PRIMARY' || type === 'CONSTR_UNIQUE' || type === 'CONSTR_EXCLUSION') && !con.indexname) {
        hits.push({
          rule: 'constraint-index',
          hazard: 'INDEX_BUILD',
          message: `the key on ${table} builds its index under lock; build a unique index CONCURRENTLY and add the constraint USING INDEX`,
        });
      }
    }
    if (sub === 'AT_AddColumn' && col) {
      const cons = (col.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
      const rewrites = cons.some(
        (c) =>
          c.contype === 'CONSTR_IDENTITY' ||
          // A virtual column (PostgreSQL 18's default kind) is computed when read: nothing is written.
          (c.contype === 'CONSTR_GENERATED' && c.generated_kind === 's') ||
          (c.contype === 'CONSTR_DEFAULT' && functionNamesIn(c.raw_expr).some((f) => VOLATILE.has(f))),
      );
      const required =
        cons.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY') &&
        !cons.some((c) => ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'].includes(String(c.contype)));
      if (required)
        hits.push({
          rule: 'add-column-required',
          message: `${table}.${String(col.colname)} is added NOT NULL without a default: it fails if ${table} has rows`,
        });
      if (rewrites)
        hits.push({
          rule: 'add-column-rewrite',
          hazard: 'TABLE_REWRITE',
          message:
            `adding ${table}.${String(col.colname)} with an identity, a stored expression or a volatile default ` +
            `rewrites the table`,
        });
    }
  }
  return hits;
}

/** The findings of one statement; `transactional` tells whether it runs inside the migration's transaction. */
export function ruleHits(stmt: ParsedStatement, transactional: boolean, state: LintState): RuleHit[] {
  const n = stmt.tree;
  const hits: RuleHit[] = [];
  if (!n) return hits;
  if ('CreateStmt' in n) state.createdTables.add(tableName(n.CreateStmt.relation));
  if ('CreateTableAsStmt' in n) {
    const into = n.CreateTableAsStmt.into?.rel;
    state.createdTables.add(tableName(into));
    if (/^sfm_archive_\d+$/.test(into?.schemaname ?? ''))
      for (const c of archivedColumns(n.CreateTableAsStmt.query)) state.archivedColumns.add(c);
  }
  if ('DropStmt' in n) {
    const drop = n.DropStmt;
    const what = String(drop.removeType);
    // A materialized view's rows come back with it: only tables (and schemas dropped with what they hold: without
    // CASCADE, PostgreSQL refuses to drop one that is not empty) lose data. The archive schema of a migration and its
    // tables are removed by the down once their rows are back.
    const holds = what === 'OBJECT_TABLE' || (what === 'OBJECT_SCHEMA' && String(drop.behavior) === 'DROP_CASCADE');
    if (holds && !inArchive(drop.objects)) {
      hits.push({
        rule: 'drop',
        hazard: 'DELETES_DATA',
        message: `${what.replace('OBJECT_', '').toLowerCase()} dropped with its data`,
      });
    }
    if (what === 'OBJECT_INDEX' && drop.concurrent !== true) {
      hits.push({
        rule: 'drop-index',
        possible: 'ACCESS_EXCLUSIVE_LOCK',
        message: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on its table; DROP INDEX CONCURRENTLY does not',
      });
    }
    if (drop.concurrent === true && transactional)
      hits.push({
        rule: 'concurrently-in-transaction',
        message: 'CONCURRENTLY cannot run inside a transaction: mark the step with "-- +sfm no-transaction"',
      });
  }
  if ('TruncateStmt' in n)
    hits.push({ rule: 'truncate', hazard: 'DELETES_DATA', message: 'TRUNCATE deletes every row' });
  if ('DeleteStmt' in n && !n.DeleteStmt.whereClause)
    hits.push({
      rule: 'delete-all',
      hazard: 'DELETES_DATA',
      message: `DELETE without WHERE empties ${tableName(n.DeleteStmt.relation)}`,
    });
  if ('UpdateStmt' in n && !n.UpdateStmt.whereClause)
    hits.push({
      rule: 'update-all',
      message:
        `UPDATE without WHERE locks and rewrites every row of ${tableName(n.UpdateStmt.relation)} in one ` +
        `transaction; batch it`,
    });
  // ALTER TYPE (composite attributes), ALTER VIEW, ALTER SEQUENCE … share the node; only tables hold rows.
  if ('AlterTableStmt' in n && n.AlterTableStmt.objtype === 'OBJECT_TABLE')
    hits.push(...alterTable(n.AlterTableStmt, state));
  if ('IndexStmt' in n) {
    const index = n.IndexStmt;
    const table = tableName(index.relation);
    if (index.concurrent === true && transactional)
      hits.push({
        rule: 'concurrently-in-transaction',
        message:
          'CREATE INDEX CONCURRENTLY cannot run inside a transaction: mark the step with "-- +sfm no-transaction"',
      });
    if (index.concurrent !== true && !state.createdTables.has(table)) {
      hits.push({
        rule: 'index-build',
        hazard: 'INDEX_BUILD',
        message: `CREATE INDEX on ${table} blocks writes while it builds; use CREATE INDEX CONCURRENTLY in a no-transaction step`,
      });
    }
  }
  if ('RenameStmt' in n && ['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_VIEW'].includes(String(n.RenameStmt.renameType))) {
    const r = n.RenameStmt;
    // A validated NOT NULL check follows its column to its new name (an online contract renames the new column).
    const was = `${tableName(r.relation)}.${r.subname ?? ''}`;
    const check = state.notNullChecks.get(was);
    if (String(r.renameType) === 'OBJECT_COLUMN' && check && r.newname) {
      state.notNullChecks.delete(was);
      state.notNullChecks.set(`${tableName(r.relation)}.${r.newname}`, check);
    }
    hits.push({
      rule: 'rename',
      hazard: 'CORRECTNESS',
      message: `renaming ${tableName(r.relation)}${r.subname ? `.${r.subname}` : ''} breaks clients that still use the old name`,
    });
  }
  // ANALYZE parses as a VacuumStmt too, and may run inside a transaction.
  if ('VacuumStmt' in n && transactional && n.VacuumStmt.is_vacuumcmd === true)
    hits.push({
      rule: 'concurrently-in-transaction',
      message: 'VACUUM cannot run inside a transaction: mark the step with "-- +sfm no-transaction"',
    });
  if ('ClusterStmt' in n)
    hits.push({
      rule: 'cluster',
      hazard: 'ACCESS_EXCLUSIVE_LOCK',
      message: 'CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock',
    });
  return hits;
}

/** All the objects a DROP names live in (or are) a migration's archive schema `sfm_archive_<version>`. */
function inArchive(objects: readonly Node[] | undefined): boolean {
  const list = objects ?? [];
  const first = (o: Node): string | undefined => ('List' in o ? firstName(o.List.items) : firstName([o]));
  return list.length > 0 && list.every((o) => /^sfm_archive_\d+$/.test(first(o) ?? ''));
}

/** The columns an archive copy (`CREATE TABLE sfm_archive_….x AS SELECT key…, column FROM t`) keeps. */
function archivedColumns(query: Node | undefined): string[] {
  const select = query && 'SelectStmt' in query ? query.SelectStmt : undefined;
  const from = select?.fromClause ?? [];
  const only = from.length === 1 ? from[0] : undefined;
  if (!only || !('RangeVar' in only)) return [];
  const table = tableName(only.RangeVar);
  return (select?.targetList ?? [])
    .map((t) =>
      'ResTarget' in t && t.ResTarget.val && 'ColumnRef' in t.ResTarget.val
        ? firstName(t.ResTarget.val.ColumnRef.fields)
        : undefined,
    )
    .filter((c): c is string => c !== undefined)
    .map((c) => `${table}.${c}`);
}
