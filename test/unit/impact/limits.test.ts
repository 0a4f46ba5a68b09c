// The config's limits on hand-made step costs: sizes parsed, steps over a limit named with size, estimate and the
// online form; steps within them, or online, pass.
import { describe, expect, it } from 'vitest';
import { overLimits, parseBytes } from '../../../src/impact/limits.js';
import type { PlanStep, StepCost } from '../../../src/plan/types.js';

const step = (cost: StepCost, statements = ['ALTER TABLE t ALTER COLUMN v TYPE bigint']): PlanStep => ({
  key: 'k',
  op: 'alter',
  kind: 'table',
  id: 'table:public.t',
  statements,
  reverse: [],
  hazards: [],
  nonTransactional: false,
  cost,
});
const rewrite: StepCost = {
  table: 'public.t',
  rows: 5_000_000,
  bytes: 400 * 1024 ** 2,
  work: 'rewrite',
  blocking: true,
  estimateMs: 7400,
  basis: '',
};

describe('limits', () => {
  it('parses sizes', () => {
    expect(parseBytes('1GB')).toBe(1024 ** 3);
    expect(parseBytes('500 MB')).toBe(500 * 1024 ** 2);
    expect(parseBytes('10kB')).toBe(10240);
    expect(parseBytes('12')).toBe(12);
    expect(parseBytes('lots')).toBeUndefined();
  });

  it('names a rewrite over limits.rewrite with its size, estimate and online form', () => {
    expect(overLimits([step(rewrite)], { rewriteBytes: 100 * 1024 ** 2 })).toEqual([
      'step 1 (alter table:public.t) rewrites public.t: 5,000,000 rows, 400.0 MB, estimated 7.4 s under ACCESS ' +
        'EXCLUSIVE; above limits.rewrite 100.0 MB. Online form: add a column of the new type beside the old one, ' +
        'backfill it in batches and swap them (expand/contract)',
    ]);
    expect(overLimits([step(rewrite)], { rewriteBytes: 1024 ** 3 })).toEqual([]);
  });

  it('holds only blocking steps to limits.accessExclusive', () => {
    const online: StepCost = { ...rewrite, work: 'index', blocking: false, estimateMs: 60_000 };
    expect(overLimits([step(online)], { accessExclusiveMs: 5000 })).toEqual([]);
    const exclude = { ...online, blocking: true };
    expect(
      overLimits([step(exclude, ['ALTER TABLE t ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&)'])], {
        accessExclusiveMs: 5000,
      })[0],
    ).toContain('Online form: none: an EXCLUDE constraint builds its index under ACCESS EXCLUSIVE');
  });
});
