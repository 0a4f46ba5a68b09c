// `erd`: prints or writes what the erd workflow returns.
import { writeFileSync } from 'node:fs';
import { erd, type ErdFormat } from '../../workflows/erd.js';
import type { StateSource } from '../../state/sources.js';
import { ConfigError } from '../../errors.js';
import type { Output } from '../output.js';
import { scopeOf, targetUrl } from '../options.js';
import type { CommonOptions } from '../../config/options.js';

export interface ErdCliOptions extends CommonOptions {
  format?: string;
  out?: string;
  focus?: string;
  depth?: string;
  /** Set by the command's pre-action hook: which source flags the user gave. */
  givenSchema?: boolean;
  givenMigrations?: boolean;
}

/** --url (or DATABASE_URL) unless --schema or --migrations is given; the schema folder when none is. */
function sourceOf(o: ErdCliOptions): StateSource {
  if (o.givenSchema) return { type: 'schema', path: o.schema };
  if (o.givenMigrations) return { type: 'migrations', dir: o.migrations };
  const url = targetUrl(o);
  return url ? { type: 'url', url } : { type: 'schema', path: o.schema };
}

export async function erdCommand(o: ErdCliOptions, out: Output): Promise<number> {
  const depth = o.depth === undefined ? undefined : Number(o.depth);
  if (depth !== undefined && !Number.isInteger(depth))
    throw new ConfigError(`--depth must be a whole number, got ${JSON.stringify(o.depth)}`);
  const focus = o.focus
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const r = await erd({
    source: sourceOf(o),
    format: (o.format ?? 'svg') as ErdFormat,
    scope: scopeOf(o),
    dev: o.devUrl,
    focus,
    depth,
  });
  if (o.out) {
    writeFileSync(o.out, r.text);
    out.out(
      out.json
        ? JSON.stringify({ written: o.out, format: r.format, tables: r.graph.nodes.length })
        : `Wrote ${o.out} (${r.graph.nodes.length} objects, ${r.graph.edges.length} edges)`,
    );
  } else if (out.json) {
    out.out(JSON.stringify({ format: r.format, text: r.text }));
  } else {
    out.raw(r.text);
  }
  return 0;
}
