// Measures the shape of src/ for the house issue's closing note: files, lines, top-level
// folders, `as` casts (not `as const`) and the longest functions. Run: npx tsx scripts/house-metrics.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from 'oxc-parser';

const root = new URL('../src', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

let lines = 0;
let casts = 0;
let unknownCasts = 0;
const functions: { name: string; lines: number }[] = [];
const castsByFile = new Map<string, number>();
for (const path of files(root)) {
  const text = readFileSync(path, 'utf8');
  lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const where = relative(root, path);
  const visit = (node: Node, parent: Node | undefined): void => {
    if (node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion') {
      const type = text.slice((node.typeAnnotation as Node).start, (node.typeAnnotation as Node).end);
      if (type !== 'const') {
        casts++;
        castsByFile.set(where, (castsByFile.get(where) ?? 0) + 1);
        if (type === 'unknown') unknownCasts++;
      }
    }
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(node.type)) {
      const id = (node.id as Node | null) ?? (parent?.type === 'VariableDeclarator' ? (parent.id as Node) : undefined);
      const key = parent && /Property|MethodDefinition/.test(parent.type) ? (parent.key as Node) : undefined;
      const named = id ?? key;
      const name = named ? text.slice(named.start, named.end) : '(anonymous)';
      functions.push({ name: `${where}:${name}`, lines: lineOf(node.end) - lineOf(node.start) + 1 });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) isNode(child) && visit(child, node);
      else if (isNode(value)) visit(value, node);
    }
  };
  visit(parseSync(path, text).program as unknown as Node, undefined);
}
const folders = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());
console.log(`files ${files(root).length}, lines ${lines}, top-level folders ${folders.length}`);
console.log(`casts ${casts} (as unknown: ${unknownCasts})`);
console.log('longest functions:');
for (const f of functions.sort((a, b) => b.lines - a.lines).slice(0, 10)) console.log(`  ${f.lines}\t${f.name}`);
if (process.argv.includes('--casts')) {
  for (const [file, n] of [...castsByFile].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${file}`);
}
