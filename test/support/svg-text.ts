// Where Graphviz placed each text of an SVG it laid out, and how much room it gave it: the spans of a line in a node
// follow each other (a column's name, its PK/FK marks, its type), so a span may reach the next one's x, and the last
// the node's right edge. A renderer whose font is wider than the one Graphviz measured with draws past that room.
export interface Span {
  /** Its number in the document (a data-i attribute added to the SVG). */
  readonly i: number;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** The x it may reach: the next span of its line, or its node's right edge. */
  readonly bound: number;
  /** Where the room after it ends (the span after next, or a little past the edge): ink there is an overflow. */
  readonly after: number;
  /** Its place in its line: spans of even and odd places are drawn apart, so neighbours never share a picture. */
  readonly place: number;
}

export interface Laid {
  /** The SVG with data-i on every text. */
  readonly svg: string;
  readonly spans: readonly Span[];
  /** The graph's translation: a user unit at (x, y) is drawn at (x + tx, y + ty) of the picture at 72 dpi. */
  readonly tx: number;
  readonly ty: number;
}

const attr = (attrs: string, name: string) => Number(new RegExp(`\\b${name}="([-\\d.]+)"`).exec(attrs)?.[1] ?? NaN);

export function layOut(original: string): Laid {
  let n = 0;
  const svg = original.replace(/<text /g, () => `<text data-i="${n++}" `);
  const [, tx = '0', ty = '0'] = /id="graph0"[^>]*translate\(([-\d.]+) ([-\d.]+)\)/.exec(svg) ?? [];
  const spans: Span[] = [];
  for (const [, body = ''] of svg.matchAll(/<g id="node\d+" class="node">([\s\S]*?)<\/g>/g)) {
    const box = /<polygon[^>]*points="([^"]+)"/.exec(body)?.[1] ?? '';
    const right = Math.max(...box.split(' ').map((p) => Number(p.split(',')[0])));
    const texts = [...body.matchAll(/<text data-i="(\d+)" ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
      i: Number(m[1]),
      attrs: m[2] ?? '',
      text: m[3] ?? '',
    }));
    // One line: baselines a few units apart (cells of a row align their text on slightly different baselines).
    const lines = new Map<number, typeof texts>();
    for (const t of texts) {
      const y = attr(t.attrs, 'y');
      const key = [...lines.keys()].find((k) => Math.abs(k - y) < 5) ?? y;
      lines.set(key, [...(lines.get(key) ?? []), t]);
    }
    for (const line of lines.values()) {
      line.sort((a, b) => attr(a.attrs, 'x') - attr(b.attrs, 'x'));
      line.forEach((t, place) => {
        const next = line[place + 1];
        const afterNext = line[place + 2];
        const bound = next ? attr(next.attrs, 'x') : right;
        spans.push({
          i: t.i,
          text: t.text,
          x: attr(t.attrs, 'x'),
          y: attr(t.attrs, 'y'),
          size: attr(t.attrs, 'font-size'),
          bound,
          after: afterNext ? attr(afterNext.attrs, 'x') : next ? right : right + 6,
          place,
        });
      });
    }
  }
  return { svg, spans, tx: Number(tx), ty: Number(ty) };
}

/** The SVG with only the texts of `show` drawn, in black, and nothing else (boxes, lines, other texts). */
export function onlyTexts(l: Laid, show: (s: Span) => boolean): string {
  const shown = new Set(l.spans.filter(show).map((s) => s.i));
  const svg = l.svg.replace(/<text data-i="(\d+)" /g, (m, i: string) =>
    shown.has(Number(i)) ? m : `${m}display="none" `,
  );
  return svg.replace(
    /(<svg[^>]*>)/,
    '$1<style>polygon,path,polyline,ellipse,rect{display:none} text{fill:#000 !important}</style>',
  );
}
