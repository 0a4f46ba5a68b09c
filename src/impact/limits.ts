// Limits from the config (`limits: { rewrite: 1GB, accessExclusive: 5s }`): a step that rewrites more than the
// rewrite size, or holds ACCESS EXCLUSIVE for longer than the estimate allows, refuses the plan unless allowed; the
// refusal names the size, the estimate and the online form of the change where one exists.
import type { PlanStep, StepCost } from '../plan/types.js';
import { formatBytes, formatMs } from '../plan/cost.js';

export interface Limits {
  readonly rewriteBytes?: number | undefined;
  readonly accessExclusiveMs?: number | undefined;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** `1GB`, `500 MB`, `10kB`, `1048576` → bytes; undefined when it is not a size. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?b)?$/i.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1));
}

function onlineForm(step: PlanStep, cost: StepCost): string {
  if (cost.work === 'rewrite')
    return 'add a column of the new type beside the old one, backfill it in batches and swap them (expand/contract)';
  if (cost.work === 'index')
    return step.statements.some((s) => / EXCLUDE /.test(s))
      ? 'none: an EXCLUDE constraint builds its index under ACCESS EXCLUSIVE'
      : 'build the index on each partition CONCURRENTLY, then create it on the parent and attach them';
  return 'add the constraint NOT VALID, then VALIDATE it in a step of its own';
}

/** One line per step over a limit. */
export function overLimits(steps: readonly PlanStep[], limits: Limits): string[] {
  return steps.flatMap((s, i) => {
    const c = s.cost;
    if (!c) return [];
    const over: string[] = [];
    if (limits.rewriteBytes !== undefined && c.work === 'rewrite' && c.bytes > limits.rewriteBytes)
      over.push(`limits.rewrite ${formatBytes(limits.rewriteBytes)}`);
    if (limits.accessExclusiveMs !== undefined && c.blocking && c.estimateMs > limits.accessExclusiveMs)
      over.push(`limits.accessExclusive ${formatMs(limits.accessExclusiveMs)}`);
    if (!over.length) return [];
    return [
      `step ${i + 1} (${s.op} ${s.id}) ${c.work === 'rewrite' ? 'rewrites' : c.work === 'index' ? 'indexes' : 'scans'} ` +
        `${c.table}: ${c.rows.toLocaleString('en-US')} rows, ${formatBytes(c.bytes)}, estimated ${formatMs(c.estimateMs)}` +
        `${c.blocking ? ' under ACCESS EXCLUSIVE' : ''}; above ${over.join(' and ')}. Online form: ${onlineForm(s, c)}`,
    ];
  });
}
