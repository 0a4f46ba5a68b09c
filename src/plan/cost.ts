// A step's cost in words, for the migration file, the CLI and the refusals of limits.
import type { StepCost } from './types.js';

export const formatBytes = (n: number) =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(1)} GB`
    : n >= 1024 ** 2
      ? `${(n / 1024 ** 2).toFixed(1)} MB`
      : `${Math.round(n / 1024)} kB`;

export const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

export const describeCost = (c: StepCost) =>
  `${c.table} ${c.rows.toLocaleString('en-US')} rows, ${formatBytes(c.bytes)}: ${c.work}` +
  `${c.blocking ? ' under ACCESS EXCLUSIVE' : ', online'}, estimated ${formatMs(c.estimateMs)} (${c.basis})`;
