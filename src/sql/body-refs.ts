// What the body of a LANGUAGE sql routine (the non-atomic kind, a string) calls and reads, from its parse tree:
// PostgreSQL records none of it in pg_depend, so a plan can only learn it here. BEGIN ATOMIC bodies are left out
// (pg_depend has them), and so are other languages (their bodies are not SQL).
import { parseSync } from 'libpg-query';

export interface BodyRef {
  readonly kind: 'function' | 'relation';
  /** null when the body does not qualify the name. */
  readonly schema: string | null;
  readonly name: string;
}

type Node = Record<string, unknown>;
const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);

const svals = (list: unknown): string[] =>
  ((list as { String?: { sval?: string } }[] | undefined) ?? []).map((n) => n.String?.sval ?? '');

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

function walk(n: unknown, out: BodyRef[]): void {
  if (Array.isArray(n)) {
    for (const x of n) walk(x, out);
    return;
  }
  if (n === null || typeof n !== 'object') return;
  const o = n as Node;
  const call = o['FuncCall'] as { funcname?: unknown; args?: unknown[] } | undefined;
  if (call) {
    const parts = svals(call.funcname);
    const ref = qualified(parts, 'function');
    if (ref) out.push(ref);
    const first = call.args?.[0] as { A_Const?: { sval?: { sval?: string } } } | undefined;
    const literal = first?.A_Const?.sval?.sval;
    if (ref && ref.schema === null && SEQUENCE_FUNCTIONS.has(ref.name) && literal) {
      const seq = qualified(regclassLiteral(literal), 'relation');
      if (seq) out.push(seq);
    }
  }
  const rel = o['RangeVar'] as { schemaname?: string; relname?: string } | undefined;
  if (rel?.relname) out.push({ kind: 'relation', schema: rel.schemaname ?? null, name: rel.relname });
  for (const v of Object.values(o)) walk(v, out);
}

/** References of a routine given as its CREATE FUNCTION / PROCEDURE statement; [] when it is not a SQL string
 * body or does not parse. The parser must be loaded (ensureParser). */
export function sqlBodyRefs(definition: string): BodyRef[] {
  try {
    const stmt = (parseSync(definition) as { stmts?: { stmt?: Node }[] }).stmts?.[0]?.stmt?.['CreateFunctionStmt'] as
      | Node
      | undefined;
    if (!stmt || stmt['sql_body']) return [];
    const options = (stmt['options'] as { DefElem?: { defname?: string; arg?: Node } }[] | undefined) ?? [];
    const option = (name: string) => options.find((x) => x.DefElem?.defname === name)?.DefElem?.arg;
    const language = (option('language') as { String?: { sval?: string } } | undefined)?.String?.sval;
    if (language !== 'sql') return [];
    const body = svals((option('as') as { List?: { items?: unknown } } | undefined)?.List?.items)[0];
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
