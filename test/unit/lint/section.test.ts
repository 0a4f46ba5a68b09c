// Lint reads a section as a whole (src/lint/section.ts): a constraint dropped and added again, dropped before its
// table is, or added by the up section and dropped by the down is no drop; what a step's comments say of a column's
// storage and what the header declares turn a suspicion into a note. Server-free.
import { describe, expect, it } from 'vitest';
import { lintMigration } from '../../../src/lint/lint.js';

const file = (up: string, down = '', hazards = 'none') =>
  `-- sfm-schema migration\n-- from: a\n-- to: b\n-- hazards: ${hazards}\n-- down-hazards: none\n-- +sfm up\n` +
  `-- step 1: a case\n${up}\n-- +sfm down\n${down}`;

/** The findings of a file with these sections, as `severity rule`. */
const found = async (up: string, down = '', hazards = 'none') =>
  (await lintMigration('x.sql', file(up, down, hazards))).map((f) => `${f.severity} ${f.rule}`);

describe('lint of a whole section', () => {
  it('a constraint dropped and added again, or dropped before its table, is no drop', async () => {
    expect(
      await found(
        'ALTER TABLE public.t DROP CONSTRAINT t_check;\nALTER TABLE public.t ADD CONSTRAINT t_check CHECK (n > 1) NOT VALID;',
      ),
    ).not.toContain('note drop-constraint');
    expect(
      await found('ALTER TABLE public.c DROP CONSTRAINT c_p_fkey;\nDROP TABLE public.c;', '', 'DELETES_DATA'),
    ).toEqual(['note drop']);
  });

  it('the down dropping a constraint the up added is no drop; a drop for good is a note, not a warning', async () => {
    const add = 'ALTER TABLE public.t ADD CONSTRAINT t_n_check CHECK (n > 0) NOT VALID;';
    expect(await found(add, '-- step 1: back\nALTER TABLE public.t DROP CONSTRAINT t_n_check;')).not.toContain(
      'note drop-constraint',
    );
    expect(await found('ALTER TABLE public.t DROP CONSTRAINT t_old_key;')).toEqual(['note drop-constraint']);
  });

  it('a type change that may rewrite: a note where the step says the storage is kept or the header declares the rewrite', async () => {
    const retype = 'ALTER TABLE public.t ALTER COLUMN name TYPE text USING name::text;';
    expect(await found(retype)).toEqual(['warning column-type']);
    expect(await found(`--   no TABLE_REWRITE: name: varchar(10) → text keeps the storage\n${retype}`)).toEqual([
      'note column-type',
    ]);
    // The comment names another column: no word about this one.
    expect(await found(`--   no TABLE_REWRITE: other: varchar(10) → text keeps the storage\n${retype}`)).toEqual([
      'warning column-type',
    ]);
    expect(await found(retype, '', 'TABLE_REWRITE')).toEqual(['note column-type']);
  });

  it('a DROP INDEX without CONCURRENTLY: a note where the header declares its ACCESS EXCLUSIVE lock', async () => {
    expect(await found('DROP INDEX public.t_n;')).toEqual(['warning drop-index']);
    expect(await found('DROP INDEX public.t_n;', '', 'ACCESS_EXCLUSIVE_LOCK')).toEqual(['note drop-index']);
    // The step says why the lock stalls nobody (its table goes in the same migration): a note too.
    const gone = '--   no ACCESS_EXCLUSIVE_LOCK: its table t is dropped by the same migration\n';
    expect(await found(`${gone}DROP INDEX public.t_n;`)).toEqual(['note drop-index']);
    expect(await found('--   no TABLE_REWRITE: n: kept\nDROP INDEX public.t_n;')).toEqual(['warning drop-index']);
  });

  it('a schema dropped without CASCADE loses nothing (PostgreSQL refuses to drop one that is not empty)', async () => {
    expect(await found('DROP SCHEMA IF EXISTS empty_one;')).toEqual([]);
    expect(await found('DROP SCHEMA full_one CASCADE;')).toEqual(['error drop']);
  });
});
