// `diff --from SOURCE --to SOURCE`: prints what the diff workflow returns.
import { diff } from '../../workflows/diff.js';
import { ConfigError } from '../../errors.js';
import type { Output } from '../output.js';
import { describeSteps, noteCustom, warnUnmanaged } from '../output.js';
import { scopeOf } from '../options.js';
import type { CommonOptions } from '../../config/options.js';

export interface DiffCliOptions extends CommonOptions {
  from?: string;
  to?: string;
}

export async function diffCommand(o: DiffCliOptions, out: Output): Promise<number> {
  if (!o.from || !o.to) throw new ConfigError('diff needs --from SOURCE and --to SOURCE');
  const d = await diff({
    from: o.from,
    to: o.to,
    dev: o.devUrl,
    scope: scopeOf(o),
    config: o.config,
    strictCoverage: o.strictCoverage,
  });
  const never = 'they are in no step of this diff';
  warnUnmanaged(out, [
    { where: `--from ${o.from}`, meaning: never, objects: d.unmanaged.from },
    { where: `--to ${o.to}`, meaning: never, objects: d.unmanaged.to },
  ]);
  noteCustom(out, d.unmanaged.custom);
  if (out.json) {
    out.out(
      JSON.stringify(
        {
          changes: d.steps.length,
          hazards: d.hazards,
          unmanaged: d.unmanaged,
          steps: d.steps.map((s) => ({
            op: s.op,
            id: s.id,
            sql: s.statements,
            reverse: s.reverse,
            hazards: s.hazards,
          })),
        },
        null,
        2,
      ),
    );
  } else if (d.steps.length === 0) {
    out.out('No differences.');
  } else {
    out.out(describeSteps(out, d.steps));
  }
  return 0;
}
