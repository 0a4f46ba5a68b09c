// The real PostgreSQL parser (libpg-query, PG 18 grammar): syntax checks with file:line:column, statement splitting.
import type { Node, ParseResult } from '@pgsql/types';
import { loadModule, parseSync, hasSqlDetails } from 'libpg-query';
import { LocatedError, byteToCharOffset, locate, messageOf } from '../errors.js';
import { eachNode } from './tree.js';

let loaded: Promise<void> | undefined;

export async function ensureParser(): Promise<void> {
  loaded ??= loadModule();
  await loaded;
}

export interface ParsedStatement {
  /** The statement's text, without its trailing semicolon. */
  readonly sql: string;
  /** Character offset of the statement in the file. */
  readonly offset: number;
  /** The parse tree's top node name, e.g. `CreateStmt`. */
  readonly type: string;
  /** The parse tree, typed by @pgsql/types: narrow it with `'CreateStmt' in stmt.tree`. */
  readonly tree: Node | undefined;
}

/** Parses a whole file; a syntax error becomes `file:line:column: message`. Call ensureParser() first. */
export function parseFile(file: string, text: string): ParsedStatement[] {
  let result: ParseResult;
  // The parser refuses input with no statement at all; an empty or comment-only file is valid here.
  if (isBlank(text)) return [];
  try {
    result = parseSync(text);
  } catch (err) {
    const pos = hasSqlDetails(err) ? (err.sqlDetails?.cursorPosition ?? 0) : 0;
    throw new LocatedError(locate(file, text, byteToCharOffset(text, pos)), messageOf(err), { cause: err });
  }
  const bytes = Buffer.from(text, 'utf8');
  return (result.stmts ?? []).map((s) => {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const raw = bytes.subarray(start, end).toString('utf8');
    const lead = raw.length - raw.trimStart().length;
    const type = Object.keys(s.stmt ?? {})[0] ?? 'Unknown';
    return {
      sql: raw.trim().replace(/;\s*$/, ''),
      offset: byteToCharOffset(text, start) + lead,
      type,
      tree: s.stmt,
    };
  });
}

function isBlank(text: string): boolean {
  return (
    text
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() === ''
  );
}

/**
 * Roles the statements name (GRANT … TO, policies' TO, OWNER TO, AUTHORIZATION, …) and do not create themselves:
 * every RoleSpec of the parse trees that is a plain name (not PUBLIC, CURRENT_USER, …). Call ensureParser() first.
 */
export function namedRoles(
  statements: readonly { readonly sql: string; readonly tree?: Node | undefined; readonly type?: string }[],
): string[] {
  const named = new Set<string>();
  const created = new Set<string>();
  for (const s of statements) {
    const tree = s.tree ?? parseSync(s.sql).stmts;
    if (s.tree && 'CreateRoleStmt' in s.tree && s.tree.CreateRoleStmt.role) created.add(s.tree.CreateRoleStmt.role);
    eachNode(tree, (node) => {
      if ('RoleSpec' in node && node.RoleSpec.roletype === 'ROLESPEC_CSTRING' && node.RoleSpec.rolename)
        named.add(node.RoleSpec.rolename);
    });
  }
  return [...named].filter((r) => !created.has(r)).sort();
}

/** Names of the extensions a set of statements creates. */
export function createdExtensions(statements: readonly ParsedStatement[]): string[] {
  return statements.flatMap((s) =>
    s.tree && 'CreateExtensionStmt' in s.tree ? [String(s.tree.CreateExtensionStmt.extname)] : [],
  );
}
