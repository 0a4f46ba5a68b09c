// Graphviz DOT for an ER graph: tables as HTML-like labels (header, then one row per column with its type and PK,
// FK, NOT NULL markers), foreign keys with crow's-foot ends (many / one, optional), views as dashed edges to what
// they read, enums with their labels. Changed objects (a plan's) are coloured.
import type { ErdEdge, ErdGraph, ErdNode, Mark } from './graph.js';

const COLOURS: Record<Mark | 'none', { fill: string; border: string; head: string }> = {
  none: { fill: '#ffffff', border: '#57606a', head: '#ddf4ff' },
  added: { fill: '#f0fff4', border: '#1a7f37', head: '#aceebb' },
  changed: { fill: '#fffbeb', border: '#9a6700', head: '#ffe58f' },
  dropped: { fill: '#fff5f5', border: '#cf222e', head: '#ffcecb' },
};

/** A DOT string literal. */
const dotId = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** Text inside an HTML-like label. */
const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function label(n: ErdNode): string {
  const c = COLOURS[n.mark ?? 'none'];
  const title = `${n.kind === 'table' ? '' : `${n.kind} `}${n.schema}.${n.name}${n.mark ? ` (${n.mark})` : ''}`;
  const rows =
    n.kind === 'enum'
      ? n.labels.map((l) => `<TR><TD ALIGN="LEFT" COLSPAN="2">${html(l)}</TD></TR>`)
      : n.columns.map((col) => {
          const marks = [col.primaryKey && 'PK', col.foreignKey && 'FK', col.notNull && !col.primaryKey && 'NOT NULL']
            .filter(Boolean)
            .join(' ');
          return (
            `<TR><TD ALIGN="LEFT">${html(col.name)}${marks ? ` <FONT COLOR="#57606a">${marks}</FONT>` : ''}</TD><TD ` +
            `ALIGN="LEFT"><FONT COLOR="#57606a">${html(col.type)}</FONT></TD></TR>`
          );
        });
  return (
    `<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" COLOR="${c.border}" ` +
    `BGCOLOR="${c.fill}"${n.kind === 'view' ? ' STYLE="dashed"' : ''}>` +
    `<TR><TD COLSPAN="2" BGCOLOR="${c.head}"><B>${html(title)}</B></TD></TR>${rows.join('')}</TABLE>>`
  );
}

function edge(e: ErdEdge): string {
  if (e.kind === 'reads') return `${dotId(e.from)} -> ${dotId(e.to)} [style=dashed, color="#8c959f", arrowhead=empty];`;
  // Crow's foot: the referencing end is "many" (or "one" for a one-to-one key), the referenced end "one".
  const tail = `${e.cardinality === 'one-to-one' ? 'tee' : 'crow'}${e.optional ? 'odot' : 'tee'}`;
  return (
    `${dotId(e.from)} -> ${dotId(e.to)} [dir=both, arrowtail=${tail}, arrowhead=teetee, label=${dotId(e.label)}, ` +
    `fontsize=9, color="#57606a"];`
  );
}

/** The font Graphviz measures text with (its tables of widths: it has no fonts in WebAssembly); svg.ts names the
 * fonts a renderer may draw it with. Verdana and DejaVu Sans (drawn after Bitstream Vera, to Verdana's widths) are
 * the widest of the common sans fonts: one of them is on nearly every machine (Windows and macOS have Verdana,
 * Linux has DejaVu), and a renderer that has neither draws a narrower sans (Helvetica, Arial, Liberation), which
 * leaves room rather than overflowing. Helvetica widths overflowed wherever DejaVu Sans stood in for Helvetica. */
export const MEASURED_FONT = 'Verdana';

export function toDot(g: ErdGraph): string {
  return [
    'digraph erd {',
    `  graph [rankdir=LR, fontname="${MEASURED_FONT}", nodesep=0.4, ranksep=0.9, overlap=false];`,
    `  node [shape=plaintext, fontname="${MEASURED_FONT}", fontsize=10];`,
    `  edge [fontname="${MEASURED_FONT}"];`,
    ...g.nodes.map((n) => `  ${dotId(n.id)} [label=${label(n)}];`),
    ...g.edges.map((e) => `  ${edge(e)}`),
    '}',
    '',
  ].join('\n');
}
