// `inspect`: prints or writes what the inspect workflow returns.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, type InspectFormat } from '../../workflows/inspect.js';
import { ConfigError } from '../../errors.js';
import { warnUnmanaged, type Output } from '../output.js';
import { requireCoverage } from '../../plan/coverage.js';
import { requireUrl, scopeOf } from '../options.js';
import type { CommonOptions } from '../../config/options.js';

export interface InspectCliOptions extends CommonOptions {
  format?: string;
  out?: string;
}

export async function inspectCommand(o: InspectCliOptions, out: Output): Promise<number> {
  const format = o.format ?? 'sql';
  if (format !== 'sql' && format !== 'json' && format !== 'yaml')
    throw new ConfigError(`--format ${format} is not supported (sql, yaml, json)`);
  const r = await inspect({ url: requireUrl(o), format: format as InspectFormat, scope: scopeOf(o) });
  const left = r.model.unmanaged ?? [];
  if (o.strictCoverage) requireCoverage({ from: left, to: [], custom: [] }, { from: 'the database', to: '' });
  warnUnmanaged(out, [
    { where: 'the database', meaning: 'the files leave them out (a comment at their top names them)', objects: left },
  ]);
  if (o.out) {
    mkdirSync(o.out, { recursive: true });
    const file = join(o.out, `schema.${format}`);
    writeFileSync(file, r.text);
    out.out(out.json ? JSON.stringify({ written: file, format }) : `Wrote ${file}`);
  } else if (out.json) {
    out.out(format === 'json' ? r.text : JSON.stringify({ format, [format]: r.text }));
  } else {
    out.raw(r.text);
  }
  return 0;
}
