// The migration file format's online parts (issue 24): the contract line, backfill and new-transaction steps, and
// the down-expanded section with its hazards, written and read back.
import { describe, expect, it } from 'vitest';
import { parseMigration, renderMigration, splitContract } from '../../../src/migrations/format.js';
import { segmentsOf } from '../../../src/migrations/segments.js';
import type { PlanStep } from '../../../src/plan/types.js';

const step = (id: string, sql: string, more: Partial<PlanStep> = {}): PlanStep => ({
  key: id,
  op: 'alter',
  kind: 'table',
  id,
  statements: [sql],
  reverse: [],
  hazards: [],
  nonTransactional: false,
  ...more,
});

const UP = [
  step('seq', 'ALTER SEQUENCE s AS bigint'),
  step('expand', 'ALTER TABLE t ADD COLUMN n bigint', { newTransaction: true }),
  step('backfill', 'UPDATE t SET n = id', { backfill: true, nonTransactional: true }),
  step('swap', 'ALTER TABLE t DROP COLUMN id', { phase: 'contract', newTransaction: true }),
  step('drop', 'DROP SCHEMA IF EXISTS v', { phase: 'contract' }),
];

describe('online migration files', () => {
  const text = renderMigration(
    { hazards: [], downHazards: ['TABLE_REWRITE'], downExpandedHazards: [] },
    UP,
    [step('back', 'ALTER TABLE t ALTER COLUMN id TYPE integer')],
    [step('undo', 'ALTER TABLE t DROP COLUMN n')],
  );

  it('reads back its sections, the contract cut and the hazards of each way back', () => {
    const m = parseMigration('m.sql', text);
    expect(m.downHazards).toEqual(['TABLE_REWRITE']);
    expect(m.downExpandedHazards).toEqual([]);
    expect(m.down).toContain('ALTER COLUMN id TYPE integer');
    expect(m.down).not.toContain('DROP COLUMN n');
    expect(m.downExpanded).toContain('ALTER TABLE t DROP COLUMN n;');
    const cut = splitContract(m.up);
    expect(cut.expand).toContain('UPDATE t SET n = id');
    expect(cut.expand).not.toContain('DROP COLUMN id');
    expect(cut.contract).toContain('DROP SCHEMA IF EXISTS v');
    // Both parts keep the file's line numbers.
    const line = (s: string, x: string) => s.split('\n').findIndex((l) => l.includes(x));
    expect(line(cut.contract ?? '', 'DROP COLUMN id')).toBe(line(text, 'DROP COLUMN id'));
    expect(splitContract('SELECT 1;').contract).toBeUndefined();
  });

  it('cuts segments at a new transaction and gives the backfill one of its own', async () => {
    const m = parseMigration('m.sql', text);
    const segments = await segmentsOf({ file: 'm.sql', sql: m.up });
    expect(segments.map((s) => [s.transactional, s.backfill ?? false, s.statements.length])).toEqual([
      [true, false, 1],
      [true, false, 1],
      [false, true, 1],
      [true, false, 2],
    ]);
  });
});
