// erd (issue 14): the SFM schema drawn as SVG, DOT and Mermaid; the SVG checked by parsing it; --focus; and the
// committed docs/sfm-erd.svg must be the picture of today's schema (regenerated: `npm run docs:erd`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { erd, readState, type ErdResult } from '../../src/index.js';
import type { Model } from '../../src/model/model.js';
import type { ConstraintObject } from '../../src/objects/constraint/constraint.js';
import { runCli } from '../support/cli.js';

const ROOT = join(__dirname, '..', '..');
const SCHEMA = join(ROOT, 'schema');

/** The nodes (by title) and edges of a Graphviz SVG; an edge with a text label is a foreign key. */
function parseSvg(svg: string) {
  const groups = [...svg.matchAll(/<g id="(node|edge)\d+" class="(node|edge)">([\s\S]*?)<\/g>/g)];
  const title = (body: string) =>
    (/<title>([^<]*)<\/title>/.exec(body)?.[1] ?? '').replace(/&#45;/g, '-').replace(/&gt;/g, '>');
  return {
    nodes: groups.filter((g) => g[2] === 'node').map((g) => title(g[3] ?? '')),
    edges: groups
      .filter((g) => g[2] === 'edge')
      .map((g) => ({ title: title(g[3] ?? ''), labelled: /<text/.test(g[3] ?? '') })),
  };
}

describe('erd of the SFM schema', () => {
  let model: Model;
  let svg: ErdResult;
  beforeAll(async () => {
    model = await readState({ type: 'schema', path: SCHEMA }, { dev: 'embedded' });
    svg = await erd({ source: { type: 'model', model }, format: 'svg' });
  }, 120_000);

  it('SVG: a node for every table and view, an edge for every foreign key', () => {
    const parsed = parseSvg(svg.text);
    const tables = model.objects
      .filter((o) => o.kind === 'table')
      .map((o) => o.id)
      .sort();
    const fks = model.objects.filter((o) => o.kind === 'constraint' && (o as ConstraintObject).type === 'f');
    expect(tables.length).toBeGreaterThanOrEqual(12);
    expect(parsed.nodes.filter((n) => n.startsWith('table:')).sort()).toEqual(tables);
    expect(parsed.nodes.filter((n) => n.startsWith('view:')).sort()).toEqual([
      'view:sfm.delivery_matrix',
      'view:sfm.indicator_latest',
    ]);
    expect(parsed.edges.filter((e) => e.labelled)).toHaveLength(fks.length);
    expect(parsed.edges.filter((e) => e.labelled).map((e) => e.title)).toContain(
      'table:sfm.relationship->table:sfm.node',
    );
  });

  it('DOT and Mermaid', async () => {
    const dot = await erd({ source: { type: 'model', model }, format: 'dot' });
    expect(dot.text).toMatch(/^digraph erd \{/);
    expect(dot.text).toContain('"table:sfm.flow" -> "table:sfm.unit" [dir=both, arrowtail=crowtee');
    const mermaid = await erd({ source: { type: 'model', model }, format: 'mermaid' });
    expect(mermaid.text).toMatch(/^erDiagram\n/);
    expect(mermaid.text).toContain('  sfm_node["sfm.node"] {');
    expect(mermaid.text).toContain('    bigint id PK');
    expect(mermaid.text).toMatch(/ {2}sfm_relationship \}\|--\|\| sfm_node : "source_id"/);
    const fks = model.objects.filter((o) => o.kind === 'constraint' && (o as ConstraintObject).type === 'f');
    expect(mermaid.text.split('\n').filter((l) => /--\|\|/.test(l))).toHaveLength(fks.length);
  });

  it('--focus draws a table and its neighbours', async () => {
    const focused = await erd({ source: { type: 'model', model }, format: 'dot', focus: ['indicator'], depth: 1 });
    expect(focused.graph.nodes.map((n) => n.name).sort()).toEqual([
      'indicator',
      'indicator_latest',
      'measurement',
      'node',
      'unit',
    ]);
    await expect(erd({ source: { type: 'model', model }, focus: ['nothing_like_it'] })).rejects.toThrow(
      /names no table/,
    );
  });

  it("docs/sfm-erd.svg is the picture of today's schema", () => {
    expect(readFileSync(join(ROOT, 'docs', 'sfm-erd.svg'), 'utf8'), 'regenerate it: npm run docs:erd').toBe(svg.text);
  });

  it('the CLI writes each format', async () => {
    const r = await runCli([
      'erd',
      '--schema',
      SCHEMA,
      '--dev-url',
      'embedded',
      '--format',
      'mermaid',
      '--focus',
      'sfm.flow',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^erDiagram/);
    expect(r.stdout).toContain('sfm_flow["sfm.flow"]');
    const bad = await runCli(['erd', '--schema', SCHEMA, '--format', 'png']);
    expect(bad.code).toBe(1);
  }, 120_000);
});
