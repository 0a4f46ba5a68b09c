// What the body of a LANGUAGE sql routine (the non-atomic kind, a string) calls and reads, from its parse tree:
// PostgreSQL records none of it in pg_depend, so a plan can only learn it here. BEGIN ATOMIC bodies are left out
// (pg_depend has them), and so are other languages (their bodies are not SQL).
import { parseSync } from 'libpg-query';
import { eachNode, names } from './tree.js';

export interface BodyRef {
  readonly kind: 'function' | 'relation';
  /** null when the body does not qualify the name. */
  readonly schema: string | null;
  readonly name: string;
}

const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);

function qualified(parts: readonly string[], kind: BodyRef['kind']): BodyRef | undefined {
  const name = parts[parts.length - 1];
  if (!name) return undefined;
  return { kind, schema: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null, name };
}

/** `'schema.seq'` as nextval() takes it (a regclass literal): dots split unless quoted. */
function regclassLiteral(text: string): string[] {
  return (text.match(/"(?:[^"]|"")*"|[^.]+/g) ?? []).map((p) =>
    p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase(),
  );
}

function walk(tree: unknown, out: BodyRef[]): void {
  eachNode(tree, (node) => {
    if ('FuncCall' in node) {
      const call = node.FuncCall;
      const ref = qualified(names(call.funcname), 'function');
      if (ref) out.push(ref);
      const first = call.args?.[0];
      const literal = first && 'A_Const' in first ? first.A_Const.sval?.sval : undefined;
      if (ref && ref.schema === null && SEQUENCE_FUNCTIONS.has(ref.name) && literal) {
        const seq = qualified(regclassLiteral(literal), 'relation');
        if (seq) out.push(seq);
      }
    }
    if ('RangeVar' in node && node.RangeVar.relname)
      out.push({ kind: 'relation', schema: node.RangeVar.schemaname ?? null, name: node.RangeVar.relname });
  });
}

/** References of a routine given as its CREATE FUNCTION / PROCEDURE statement; [] when it is not a SQL string
 * body or does not parse. The parser must be loaded (ensureParser). */
export function sqlBodyRefs(definition: string): BodyRef[] {
  try {
    const top = parseSync(definition).stmts?.[0]?.stmt;
    const stmt = top && 'CreateFunctionStmt' in top ? top.CreateFunctionStmt : undefined;
    if (!stmt || stmt.sql_body) return [];
    const option = (name: string) =>
      (stmt.options ?? []).flatMap((x) => ('DefElem' in x && x.DefElem.defname === name ? [x.DefElem.arg] : []))[0];
    const language = option('language');
    if (!language || !('String' in language) || language.String.sval !== 'sql') return [];
    const as = option('as');
    const body = as && 'List' in as ? names(as.List.items)[0] : undefined;
    if (!body) return [];
    const out: BodyRef[] = [];
    walk(parseSync(body), out);
    const seen = new Set<string>();
    return out.filter((r) => {
      const key = `${r.kind}\u0000${r.schema}\u0000${r.name}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  } catch {
    return [];
  }
}
