// SQL fragments inside YAML are checked by the PostgreSQL parser before anything runs: each must be exactly one
// thing of the right kind, so a value cannot close its context and add a statement of its own.
import { messageOf } from '../../errors.js';
import type { Node, ParseResult } from '@pgsql/types';
import { parseSync } from 'libpg-query';

export class FragmentError extends Error {}

function parseOrExplain(sql: string, what: string): ParseResult {
  try {
    return parseSync(sql);
  } catch (err) {
    throw new FragmentError(`expected ${what}: ${messageOf(err)}`);
  }
}

const refuse = (what: string, text: string): never => {
  throw new FragmentError(`expected ${what}, got ${JSON.stringify(text)}`);
};

/** The one statement the wrapped fragment parsed into; narrowed by the caller to the kind it must be. */
function only(tree: ParseResult, what: string, text: string): Node {
  const stmts = tree.stmts ?? [];
  const node = stmts[0]?.stmt;
  return stmts.length === 1 && node ? node : refuse(what, text);
}

/** One value expression: `now()`, `a > 0`, `status = 'open'`. */
export function checkExpression(text: string): string {
  const what = 'a single SQL expression';
  const node = only(parseOrExplain(`SELECT (${text})`, what), what, text);
  const select = 'SelectStmt' in node ? node.SelectStmt : refuse(what, text);
  const extra = Object.keys(select).filter((k) => !['targetList', 'limitOption', 'op'].includes(k));
  const targets = select.targetList ?? [];
  const first = targets[0];
  const value = first && 'ResTarget' in first ? first.ResTarget.val : undefined;
  // `a, b` inside the added parentheses reads as a row constructor: two expressions, not one.
  const rowOfMany = value !== undefined && 'RowExpr' in value && !/^\s*row\s*\(/i.test(text);
  if (extra.length || targets.length !== 1 || rowOfMany)
    throw new FragmentError(`expected ${what}, got ${JSON.stringify(text)}`);
  return text;
}

/** A data type: `text`, `numeric(5,2)`, `sfm.node_kind[]`. */
export function checkType(text: string): string {
  const what = 'a data type';
  const node = only(parseOrExplain(`CREATE TABLE t (c ${text})`, what), what, text);
  const create = 'CreateStmt' in node ? node.CreateStmt : refuse(what, text);
  const cols = create.tableElts ?? [];
  const first = cols[0];
  const col = first && 'ColumnDef' in first ? first.ColumnDef : undefined;
  if (
    cols.length !== 1 ||
    !col ||
    col.constraints ||
    col.collClause ||
    Object.keys(create).some((k) => !['relation', 'tableElts', 'oncommit'].includes(k))
  ) {
    throw new FragmentError(`expected ${what}, got ${JSON.stringify(text)}`);
  }
  return text;
}

/** One query: the body of a view. */
export function checkQuery(text: string): string {
  const what = 'a single SELECT query';
  if (!('SelectStmt' in only(parseOrExplain(text, what), what, text))) refuse(what, text);
  return text.trim().replace(/;\s*$/, '');
}

/** One statement of any kind (the `sql:` list). */
export function checkStatement(text: string): string {
  const what = 'a single SQL statement';
  const stmts = parseOrExplain(text, what).stmts ?? [];
  if (stmts.length !== 1) throw new FragmentError(`expected ${what}, got ${stmts.length} statements`);
  return text.trim().replace(/;\s*$/, '');
}

/** PARTITION BY's key: `RANGE (observed_at)`. */
export function checkPartitionKey(text: string): string {
  const what = 'a partition key such as RANGE (column)';
  const node = only(parseOrExplain(`CREATE TABLE t (a int) PARTITION BY ${text}`, what), what, text);
  if (!('CreateStmt' in node) || !node.CreateStmt.partspec) refuse(what, text);
  return text;
}

/** A partition bound: `FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')`, `DEFAULT`. */
export function checkBound(text: string): string {
  const what = 'a partition bound such as FOR VALUES FROM (…) TO (…)';
  const node = only(parseOrExplain(`CREATE TABLE t PARTITION OF p ${text}`, what), what, text);
  if (!('CreateStmt' in node) || !node.CreateStmt.partbound || node.CreateStmt.partspec) refuse(what, text);
  return text;
}

/** A function's argument list and result: `a int, b text` and `trigger`. */
export function checkSignature(args: string, returns: string | undefined): void {
  const what = 'a function argument list and result type';
  const ret = returns === undefined ? '' : ` RETURNS ${returns}`;
  const shown = `(${args})${ret}`;
  const node = only(parseOrExplain(`CREATE FUNCTION f(${args})${ret} LANGUAGE sql AS 'SELECT 1'`, what), what, shown);
  if (!('CreateFunctionStmt' in node)) refuse(what, shown);
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** An unquoted (possibly schema-qualified) name written as SQL: opclasses, languages, trigger functions. */
export function checkName(text: string, what: string): string {
  const bare = text.replace(/\(\)$/, '');
  if (!bare.split('.').every((p) => IDENT.test(p)) || bare.split('.').length > 2)
    throw new FragmentError(`expected ${what}, got ${JSON.stringify(text)}`);
  return bare;
}

/** An operator of an exclusion constraint: `&&`, `=`. */
export function checkOperator(text: string): string {
  if (!/^[+\-*/<>=~!@#%^&|`?]{1,63}$/.test(text))
    throw new FragmentError(`expected an operator such as && or =, got ${JSON.stringify(text)}`);
  return text;
}

/** A dollar-quote tag that does not occur in the body, so the body cannot end the quote early. */
export function dollarQuote(body: string): string {
  let tag = 'sfm';
  for (let i = 1; body.includes(`$${tag}$`); i++) tag = `sfm${i}`;
  return `$${tag}$${body}$${tag}$`;
}

/** A table constraint as PostgreSQL prints it: `CHECK ((a > 0))`, `FOREIGN KEY (a) REFERENCES p(id)`. */
export function checkConstraint(text: string): string {
  const what = 'a table constraint such as CHECK (…) or FOREIGN KEY (…) REFERENCES …';
  const node = only(parseOrExplain(`ALTER TABLE t ADD CONSTRAINT c ${text}`, what), what, text);
  const cmds = 'AlterTableStmt' in node ? (node.AlterTableStmt.cmds ?? []) : [];
  const first = cmds[0];
  if (cmds.length !== 1 || !first || !('AlterTableCmd' in first) || first.AlterTableCmd.subtype !== 'AT_AddConstraint')
    refuse(what, text);
  return text;
}
