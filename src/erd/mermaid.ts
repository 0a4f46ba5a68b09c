// Mermaid `erDiagram` text for Markdown (GitHub renders it): entities with their columns and PK / FK markers,
// relationships with crow's-foot cardinality. Names are reduced to Mermaid's word characters; the full name is the
// entity's alias, with a plan's mark.
import type { ErdGraph, ErdNode } from './graph.js';

const word = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

export function toMermaid(g: ErdGraph): string {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of g.nodes) {
    let name = word(`${n.schema}_${n.name}`);
    for (let i = 2; taken.has(name); i++) name = `${word(`${n.schema}_${n.name}`)}_${i}`;
    taken.add(name);
    names.set(n.id, name);
  }
  const alias = (n: ErdNode) =>
    `${n.kind === 'table' ? '' : `${n.kind} `}${n.schema}.${n.name}${n.mark ? ` (${n.mark})` : ''}`.replace(/"/g, "'");
  const lines = ['erDiagram'];
  for (const n of g.nodes) {
    lines.push(`  ${names.get(n.id)}["${alias(n)}"] {`);
    if (n.kind === 'enum') for (const l of n.labels) lines.push(`    enum ${word(l) || 'value'}`);
    for (const c of n.columns) {
      const keys = [c.primaryKey && 'PK', c.foreignKey && 'FK'].filter(Boolean).join(', ');
      lines.push(
        `    ${word(c.type) || 'type'} ${word(c.name) || 'column'}${keys ? ` ${keys}` : ''}${
          c.notNull && !c.primaryKey ? ' ' + '"NOT NULL"' : ''
        }`,
      );
    }
    lines.push('  }');
  }
  for (const e of g.edges) {
    const from = names.get(e.from);
    const to = names.get(e.to);
    if (e.kind === 'reads') lines.push(`  ${from} }o..o{ ${to} : "reads"`);
    else
      lines.push(
        `  ${from} ${e.cardinality === 'one-to-one' ? (e.optional ? '|o' : '||') : e.optional ? '}o' : '}|'}--|| ${to} : ` +
          `"${e.label.replace(/"/g, "'")}"`,
      );
  }
  const classes = (['added', 'changed', 'dropped'] as const).filter((m) => g.nodes.some((n) => n.mark === m));
  const fill = {
    added: '#f0fff4,stroke:#1a7f37',
    changed: '#fffbeb,stroke:#9a6700',
    dropped: '#fff5f5,stroke:#cf222e',
  };
  for (const m of classes) {
    lines.push(`  classDef ${m} fill:${fill[m]}`);
    lines.push(
      `  class ${g.nodes
        .filter((n) => n.mark === m)
        .map((n) => names.get(n.id))
        .join(',')} ${m}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
