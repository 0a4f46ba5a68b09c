// `inspect`: the live schema as desired-state SQL (a plan from nothing to it), or as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '../../db/queryable.js';
import { introspect } from '../../introspect/introspect.js';
import { emptyModel } from '../../model/model.js';
import { plan } from '../../plan/plan.js';
import { ConfigError } from '../../errors.js';
import { modelToYaml } from '../../inspect/yaml-export.js';
import type { Output } from '../output.js';
import { requireUrl, scopeOf, type CommonOptions } from '../options.js';

export interface InspectOptions extends CommonOptions {
  format?: string;
  out?: string;
}

export async function inspectCommand(o: InspectOptions, out: Output): Promise<number> {
  const format = o.format ?? 'sql';
  if (format !== 'sql' && format !== 'json' && format !== 'yaml') throw new ConfigError(`--format ${format} is not supported (sql, yaml, json)`);
  const db = await connect(requireUrl(o));
  try {
    const model = await introspect(db, scopeOf(o));
    const text = format === 'json'
      ? JSON.stringify(model, null, 2)
      : format === 'yaml' ? modelToYaml(model)
      : `${plan(emptyModel(), model).steps.flatMap((s) => s.statements.map((x) => `${x};`)).join('\n\n')}\n`;
    if (o.out) {
      mkdirSync(o.out, { recursive: true });
      const file = join(o.out, `schema.${format}`);
      writeFileSync(file, text);
      out.out(out.json ? JSON.stringify({ written: file, format }) : `Wrote ${file}`);
    } else if (out.json) {
      out.out(format === 'json' ? text : JSON.stringify({ format, [format]: text }));
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    await db.close();
  }
}
