// Rules on what a statement declares rather than what it locks: column types (char(n), serial, 32-bit keys,
// timestamp without time zone, json), names over PostgreSQL's 63 bytes, enum values inserted mid-order, triggers
// on tables in use, REINDEX and VACUUM FULL, transaction control and disabled timeouts inside a migration.
import type { ColumnDef, Constraint, Node } from '@pgsql/types';
import type { ParsedStatement } from '../sql/parse.js';
import type { RuleHit } from './rules.js';

const names = (nodes: readonly Node[] | undefined) =>
  (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));

const constraintsOf = (nodes: readonly Node[] | undefined): Constraint[] =>
  (nodes ?? []).flatMap((n) => ('Constraint' in n ? [n.Constraint] : []));

/** The type hygiene rules of one column; `key`: the column is (part of) the primary key. */
function columnType(col: ColumnDef, key: boolean, where: string): RuleHit[] {
  const [schema, type] = (() => {
    const n = names(col.typeName?.names);
    return n.length > 1 ? [n[0], n[1]] : ['', n[0]];
  })();
  const builtin = schema === 'pg_catalog' ? type : undefined;
  const at = `${where}.${col.colname ?? ''}`;
  const hits: RuleHit[] = [];
  if (builtin === 'bpchar') hits.push({ rule: 'type-char', message: `${at} is char(n)` });
  if (type === 'serial' || type === 'bigserial' || type === 'smallserial')
    hits.push({ rule: 'type-serial', message: `${at} is ${type}` });
  if (key && (builtin === 'int4' || builtin === 'int2' || type === 'serial' || type === 'smallserial'))
    hits.push({ rule: 'type-int-key', message: `the key ${at} is a 32-bit integer or smaller` });
  if (builtin === 'timestamp') hits.push({ rule: 'type-timestamp', message: `${at} is timestamp without time zone` });
  if (builtin === 'json') hits.push({ rule: 'type-json', message: `${at} is json` });
  return hits;
}

// One pass, left to right, so that a quote inside a quoted name or a string does not start anything: quoted names,
// strings, dollar-quoted bodies, comments, bare words.
const TOKENS = new RegExp(
  [
    /"((?:[^"]|"")*)"/.source,
    /[eE]'(?:[^'\\]|''|\\.)*'/.source,
    /'(?:[^']|'')*'/.source,
    // The tag is the second group of the whole pattern.
    '\\$([A-Za-z_]*)\\$[\\s\\S]*?\\$\\2\\$',
    /--[^\n]*|\/\*[\s\S]*?\*\//.source,
    /([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)/.source,
  ].join('|'),
  'g',
);

/** Names over 63 bytes in a statement's text (the parser has already cut them down in the tree). */
function tooLongNames(sql: string): RuleHit[] {
  const names = [...sql.matchAll(TOKENS)].flatMap((m) =>
    m[1] !== undefined ? [m[1].replace(/""/g, '"')] : m[3] !== undefined ? [m[3]] : [],
  );
  return [...new Set(names.filter((n) => Buffer.byteLength(n) > 63))].map((n) => ({
    rule: 'identifier-length',
    message: `"${n.slice(0, 40)}…" is ${Buffer.byteLength(n)} bytes: PostgreSQL keeps 63`,
  }));
}

const isZero = (n: Node | undefined): boolean => {
  if (!n || !('A_Const' in n)) return false;
  const c = n.A_Const;
  if (c.sval) return /^0\s*(ms|s|min)?$/.test(c.sval.sval ?? '');
  return c.ival !== undefined && (c.ival.ival ?? 0) === 0;
};

/** `createdTables`: tables the file creates before this statement (`schema.table`). */
export function hygieneHits(stmt: ParsedStatement, createdTables: ReadonlySet<string>): RuleHit[] {
  const n = stmt.tree;
  if (!n) return [];
  const hits: RuleHit[] = tooLongNames(stmt.sql);
  if ('CreateStmt' in n) {
    const c = n.CreateStmt;
    const where = `${c.relation?.schemaname ?? 'public'}.${c.relation?.relname ?? ''}`;
    const elements = c.tableElts ?? [];
    const keyColumns = new Set(
      constraintsOf(elements)
        .filter((k) => k.contype === 'CONSTR_PRIMARY')
        .flatMap((k) => names(k.keys)),
    );
    for (const e of elements) {
      if ('ColumnDef' in e) {
        const col = e.ColumnDef;
        const key =
          keyColumns.has(col.colname ?? '') ||
          constraintsOf(col.constraints).some((k) => k.contype === 'CONSTR_PRIMARY');
        hits.push(...columnType(col, key, where));
      }
    }
  }
  if ('AlterTableStmt' in n) {
    const where = `${n.AlterTableStmt.relation?.schemaname ?? 'public'}.${n.AlterTableStmt.relation?.relname ?? ''}`;
    for (const cmd of n.AlterTableStmt.cmds ?? []) {
      if (!('AlterTableCmd' in cmd)) continue;
      const def = cmd.AlterTableCmd.def;
      if (cmd.AlterTableCmd.subtype === 'AT_AddColumn' && def && 'ColumnDef' in def) {
        const key = constraintsOf(def.ColumnDef.constraints).some((k) => k.contype === 'CONSTR_PRIMARY');
        hits.push(...columnType(def.ColumnDef, key, where));
      }
      if (cmd.AlterTableCmd.subtype === 'AT_DropConstraint')
        hits.push({
          rule: 'drop-constraint',
          constraint: cmd.AlterTableCmd.name ?? '',
          table: where,
          message: `drops constraint ${cmd.AlterTableCmd.name ?? ''} of ${where}`,
        });
    }
  }
  if ('AlterEnumStmt' in n && n.AlterEnumStmt.newValNeighbor) {
    const e = n.AlterEnumStmt;
    const where = `${e.newValIsAfter ? 'after' : 'before'} '${e.newValNeighbor}'`;
    hits.push({ rule: 'enum-value-order', message: `'${e.newVal ?? ''}' is added ${where}, not at the end` });
  }
  if ('CreateTrigStmt' in n) {
    const r = n.CreateTrigStmt.relation;
    const table = `${r?.schemaname ?? 'public'}.${r?.relname ?? ''}`;
    if (!createdTables.has(table))
      hits.push({
        rule: 'trigger-existing-table',
        message: `trigger ${n.CreateTrigStmt.trigname ?? ''} on ${table}, a table in use`,
      });
  }
  if (
    'ReindexStmt' in n &&
    !(n.ReindexStmt.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently')
  )
    hits.push({ rule: 'reindex', message: 'REINDEX without CONCURRENTLY' });
  if ('VacuumStmt' in n && (n.VacuumStmt.options ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'full'))
    hits.push({ rule: 'vacuum-full', message: 'VACUUM FULL rewrites the table under ACCESS EXCLUSIVE' });
  if ('TransactionStmt' in n)
    hits.push({
      rule: 'transaction-nesting',
      message: `${String(n.TransactionStmt.kind).replace('TRANS_STMT_', '')} in a migration`,
    });
  if ('VariableSetStmt' in n) {
    const v = n.VariableSetStmt;
    if ((v.name === 'lock_timeout' || v.name === 'statement_timeout') && isZero(v.args?.[0]))
      hits.push({ rule: 'timeout-disabled', message: `${v.name} turned off` });
  }
  return hits;
}
