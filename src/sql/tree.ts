// Walking parse trees (typed by @pgsql/types) for one kind of node wherever it is: a node is an object of one key
// naming its type, `{ FuncCall: { … } }`, so `'FuncCall' in node` narrows it.
import type { Node } from '@pgsql/types';

/** A part of a parse tree seen as plain data. */
const isTree = (n: unknown): n is Record<string, unknown> => n !== null && typeof n === 'object' && !Array.isArray(n);

const isNode = (n: unknown): n is Node => {
  if (!isTree(n)) return false;
  const keys = Object.keys(n);
  return keys.length === 1 && /^[A-Z]/.test(keys[0] ?? '');
};

/** Calls `visit` with every node of the tree, outermost first. */
export function eachNode(tree: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(tree)) {
    for (const x of tree) eachNode(x, visit);
    return;
  }
  if (!isTree(tree)) return;
  if (isNode(tree)) visit(tree);
  for (const v of Object.values(tree)) eachNode(v, visit);
}

/** The names of a list of `String` nodes (a qualified name's parts, a column reference's fields). */
export const names = (list: readonly Node[] | undefined): string[] =>
  (list ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : ''));

/** Every relation a tree names (a `RangeVar`, wrapped as a node or as a field such as `relation`). */
export function relationsIn(tree: unknown): { schema: string | undefined; name: string }[] {
  const out: { schema: string | undefined; name: string }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (!isTree(n)) return;
    const name = n['relname'];
    if (typeof name === 'string') {
      const schema = n['schemaname'];
      out.push({ schema: typeof schema === 'string' ? schema : undefined, name });
    }
    for (const v of Object.values(n)) walk(v);
  };
  walk(tree);
  return out;
}
