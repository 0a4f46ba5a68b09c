// erd: a picture of a state (a live database, the migration history or the desired files) as SVG, DOT or Mermaid.
import { toDot } from '../erd/dot.js';
import { erdGraph, type ErdGraph } from '../erd/graph.js';
import { toMermaid } from '../erd/mermaid.js';
import { dotToSvg } from '../erd/svg.js';
import { ConfigError } from '../errors.js';
import type { Scope } from '../model/scope.js';
import type { DevSpec } from '../dev-db/open.js';
import { readState, type StateSource } from '../state/sources.js';

export type ErdFormat = 'svg' | 'dot' | 'mermaid';

export interface ErdOptions {
  readonly source: StateSource | string;
  readonly format?: ErdFormat | undefined;
  readonly scope?: Scope | undefined;
  readonly dev?: DevSpec | undefined;
  /** Tables to centre on (`name` or `schema.name`), with what lies within `depth` (default 1) foreign keys. */
  readonly focus?: readonly string[] | undefined;
  readonly depth?: number | undefined;
}

export interface ErdResult {
  readonly format: ErdFormat;
  readonly text: string;
  readonly graph: ErdGraph;
}

export async function renderErd(graph: ErdGraph, format: ErdFormat): Promise<string> {
  if (format === 'mermaid') return toMermaid(graph);
  const dot = toDot(graph);
  return format === 'dot' ? dot : dotToSvg(dot);
}

export async function erd(o: ErdOptions): Promise<ErdResult> {
  const format = o.format ?? 'svg';
  if (!['svg', 'dot', 'mermaid'].includes(format))
    throw new ConfigError(`--format must be svg, dot or mermaid, got ${JSON.stringify(format)}`);
  if (o.depth !== undefined && (!Number.isInteger(o.depth) || o.depth < 0))
    throw new ConfigError(`--depth must be a whole number, got ${o.depth}`);
  const model = await readState(o.source, {
    ...(o.scope ? { scope: o.scope } : {}),
    ...(o.dev !== undefined ? { dev: o.dev } : {}),
  });
  const graph = erdGraph(model, { schemas: o.scope?.schemas, focus: o.focus, depth: o.depth });
  if (o.focus?.length && !graph.nodes.length)
    throw new ConfigError(`--focus ${o.focus.join(',')} names no table of the schema`);
  return { format, text: await renderErd(graph, format), graph };
}
