// The real PostgreSQL parser (libpg-query, PG 18 grammar): syntax checks with file:line:column, statement splitting.
import { loadModule, parseSync, hasSqlDetails } from 'libpg-query';
import { LocatedError, byteToCharOffset, locate } from '../errors.js';

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
  readonly node: Record<string, unknown>;
}

interface RawStmt {
  stmt?: Record<string, Record<string, unknown>>;
  stmt_location?: number;
  stmt_len?: number;
}

/** Parses a whole file; a syntax error becomes `file:line:column: message`. Call ensureParser() first. */
export function parseFile(file: string, text: string): ParsedStatement[] {
  let result: { stmts?: RawStmt[] };
  // The parser refuses input with no statement at all; an empty or comment-only file is valid here.
  if (isBlank(text)) return [];
  try {
    result = parseSync(text) as { stmts?: RawStmt[] };
  } catch (err) {
    const pos = hasSqlDetails(err) ? (err.sqlDetails?.cursorPosition ?? 0) : 0;
    throw new LocatedError(locate(file, text, byteToCharOffset(text, pos)), (err as Error).message, { cause: err });
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
      node: s.stmt?.[type] ?? {},
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
  statements: readonly { readonly sql: string; readonly node?: Record<string, unknown>; readonly type?: string }[],
): string[] {
  const named = new Set<string>();
  const created = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (n === null || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    const spec = o['RoleSpec'] as { roletype?: string; rolename?: string } | undefined;
    if (spec?.roletype === 'ROLESPEC_CSTRING' && spec.rolename) named.add(spec.rolename);
    for (const v of Object.values(o)) walk(v);
  };
  for (const s of statements) {
    const node = s.node ?? (parseSync(s.sql) as { stmts?: unknown[] }).stmts;
    if (s.type === 'CreateRoleStmt') created.add(String((s.node ?? {})['role']));
    walk(node);
  }
  return [...named].filter((r) => !created.has(r)).sort();
}

/** Names of the extensions a set of statements creates. */
export function createdExtensions(statements: readonly ParsedStatement[]): string[] {
  return statements.filter((s) => s.type === 'CreateExtensionStmt').map((s) => String(s.node['extname']));
}
