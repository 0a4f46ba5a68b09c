// Which functions an SQL expression calls and which columns it reads, from its parse tree (libpg-query), and which
// of those functions are volatile.
import { parseSync } from 'libpg-query';
import type { Queryable } from '../db/queryable.js';
import { ensureParser } from './parse.js';
import { eachNode, names } from './tree.js';

/** Unqualified names of the functions called anywhere in a parse tree (or part of one). */
export function functionNamesIn(tree: unknown): string[] {
  const out = new Set<string>();
  eachNode(tree, (node) => {
    if ('FuncCall' in node) out.add(names(node.FuncCall.funcname).at(-1) ?? '');
  });
  return [...out].filter(Boolean);
}

/** Unqualified names of the functions an expression calls; [] when it does not parse. */
export async function calledFunctions(expression: string): Promise<string[]> {
  await ensureParser();
  try {
    return functionNamesIn(parseSync(`SELECT (${expression})`));
  } catch {
    return [];
  }
}

/** Columns an expression reads (the last name of each column reference); [] when it does not parse. */
export async function readColumns(expression: string): Promise<string[]> {
  await ensureParser();
  try {
    const out = new Set<string>();
    eachNode(parseSync(`SELECT (${expression})`), (node) => {
      if ('ColumnRef' in node) out.add(names(node.ColumnRef.fields).at(-1) ?? '');
    });
    return [...out].filter(Boolean).sort();
  } catch {
    return [];
  }
}

/** Of these function names, the ones with a volatile overload (pg_depend does not record built-in functions,
 * so volatility is looked up by name: one query for all names). */
export async function volatileNames(db: Queryable, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db.query<{ name: string }>(
    `SELECT DISTINCT proname AS name FROM pg_catalog.pg_proc WHERE proname = ANY($1::text[]) AND provolatile = 'v'`,
    [[...new Set(names)]],
  );
  return new Set(rows.map((r) => r.name));
}
