// DOT laid out as SVG by Graphviz compiled to WebAssembly (@viz-js/viz): no system binary, same output everywhere.
import { instance, type Viz } from '@viz-js/viz';
import { MEASURED_FONT } from './dot.js';

let viz: Promise<Viz> | undefined;

export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const svg = (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
  // The font measured with first, then the one of the same widths, then whatever sans the renderer has (dot.ts).
  return svg.replaceAll(
    `font-family="${MEASURED_FONT}"`,
    `font-family="${MEASURED_FONT},DejaVu Sans,Bitstream Vera Sans,sans-serif"`,
  );
}
