// The guard of the layering (see layers.ts): no import cycles, no import of a higher or sibling layer, and no
// object kind named in a stage. Fails naming each offending file and import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/objects/registry.js';
import { KIND_FREE, RANKS } from './layers.js';

const SRC = join(__dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'|import\(\s*[`'](\.[^`'$]+)[`']\s*\)/g;

/** Relative imports of every file under src/, resolved to files (`.js` written for `.ts`). */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2] ?? '')
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(f), s).replace(/\.js$/, '.ts'));
    g.set(
      relative(SRC, f),
      targets.map((t) => relative(SRC, t)),
    );
  }
  return g;
}

/** The first folder under src/, or a root file's name (errors.ts is module errors; index.ts is the top). */
const moduleOf = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : file.replace(/\.ts$/, ''));

export function layerViolations(g: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of g) {
    const from = moduleOf(file);
    if (from === 'index') continue;
    const rank = RANKS[from];
    if (rank === undefined) {
      out.push(`${file}: module ${from} has no rank in test/architecture/layers.ts`);
      continue;
    }
    for (const t of targets) {
      const to = moduleOf(t);
      if (to === from) continue;
      const r = RANKS[to];
      if (r === undefined || r >= rank)
        out.push(`${file} imports ${t}: ${from} (rank ${rank}) may not import ${to} (rank ${r ?? '?'})`);
    }
  }
  return out;
}

export function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of g.get(f) ?? []) {
      if (state.get(t) === 'open') found.push([...stack.slice(stack.indexOf(t)), t]);
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...g.keys()].sort()) if (!state.has(f)) visit(f);
  return found;
}

export function kindNames(g: Map<string, string[]>, read: (file: string) => string): string[] {
  const kinds = KINDS.map((k) => k.kind);
  const literal = new RegExp(`\\bkind\\s*(?:===|!==|==|!=|:)\\s*'(${kinds.join('|')})'`, 'g');
  const out: string[] = [];
  for (const [file, targets] of g) {
    if (!KIND_FREE.includes(moduleOf(file))) continue;
    for (const t of targets) {
      const m = /^objects\/([^/]+)\//.exec(t);
      if (m && m[1] !== 'shared') out.push(`${file} imports ${t}: stages reach kinds through objects/registry.ts`);
    }
    for (const m of read(file).matchAll(literal)) out.push(`${file} names the object kind '${m[1]}'`);
  }
  return out;
}

/** Ways of sending a parsed statement, a step's statements or a batch of them to a database: only src/exec/ may. */
const RUNS_STATEMENTS = [
  /\.exec\(\s*(?:stmt|statement|step)\b/,
  /for \(const \w+ of \w+\.statements\)\s*await \w+\.exec\(/,
  /exec\(`BEGIN;/,
];

export function executorsOutsideExec(g: Map<string, string[]>, read: (file: string) => string): string[] {
  return [...g.keys()]
    .filter((f) => moduleOf(f) !== 'exec' && RUNS_STATEMENTS.some((r) => r.test(read(f))))
    .map((f) => `${f} runs statements itself: migration SQL goes through src/exec/`);
}

describe('layer boundaries of src/', () => {
  const g = graph();
  it('has no import cycles', () => {
    expect(cycles(g).map((c) => c.join(' -> '))).toEqual([]);
  });
  it('imports only lower layers', () => {
    expect(layerViolations(g)).toEqual([]);
  });
  it('names no object kind in a stage', () => {
    expect(kindNames(g, (f) => readFileSync(join(SRC, f), 'utf8'))).toEqual([]);
  });
  it('keeps every line of src/ within 140 characters', () => {
    const long = [...g.keys()].flatMap((f) =>
      readFileSync(join(SRC, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.length > 140 ? [`${f}:${i + 1}: ${line.length} characters`] : [])),
    );
    expect(long).toEqual([]);
  });
  it('runs migration SQL in src/exec/ only', () => {
    expect(executorsOutsideExec(g, (f) => readFileSync(join(SRC, f), 'utf8'))).toEqual([]);
  });
  it('the guard itself catches what it should', () => {
    const runner = 'for (const sql of step.statements) await db.exec(sql);';
    expect(executorsOutsideExec(new Map([['prove/p.ts', []]]), () => runner)).toHaveLength(1);
    expect(executorsOutsideExec(new Map([['exec/p.ts', []]]), () => runner)).toHaveLength(0);
    const bad = new Map([
      ['plan/a.ts', ['workflows/b.ts', 'objects/table/table.ts']],
      ['workflows/b.ts', ['plan/a.ts']],
    ]);
    expect(layerViolations(bad)).toHaveLength(1);
    expect(cycles(bad)).toHaveLength(1);
    expect(kindNames(bad, () => "if (o.kind === 'table') {}")).toHaveLength(3);
  });
});
