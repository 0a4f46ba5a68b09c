// Which relations a segment locks, read from its parse trees: what the preflight looks up in pg_locks.
import { describe, expect, it } from 'vitest';
import { segmentRelations } from '../../../src/exec/preflight.js';
import { ensureParser, parseFile } from '../../../src/sql/parse.js';

const statements = async (sql: string) => {
  await ensureParser();
  return parseFile('m.sql', sql).map((s, i) => ({ ...s, n: i + 1 }));
};

describe('segmentRelations', () => {
  it('names tables, indexes and the tables of dropped triggers and policies, never three-part names', async () => {
    const sql = `ALTER TABLE sfm.flow ADD COLUMN x int REFERENCES sfm.node (id);
      DROP INDEX sfm.flow_x; DROP TRIGGER flow_audit ON sfm.flow; DROP POLICY p ON public.t; DROP FUNCTION f(int);`;
    expect(segmentRelations(await statements(sql)).sort()).toEqual([
      '"public"."t"',
      '"sfm"."flow"',
      '"sfm"."flow_x"',
      '"sfm"."node"',
    ]);
  });
});
