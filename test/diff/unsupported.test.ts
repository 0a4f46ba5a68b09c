// Changes the planner cannot express are explicit errors naming the object and the reason, never silent skips.
import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { parseSources } from '../../src/desired/load-sql.js';
import { loadDesired } from '../../src/desired/desired.js';
import { plan } from '../../src/plan/plan.js';
import { PlanError } from '../../src/errors.js';
import { openServerDev } from '../support/roundtrip.js';

describe('changes that cannot be expressed', () => {
  let dev: DevDatabase;
  beforeAll(async () => {
    dev = await openServerDev();
  });
  afterAll(async () => dev?.dispose());
  const load = async (sql: string) =>
    loadDesired(
      dev,
      { sources: await parseSources([{ path: 'x.sql', text: sql }]), extensions: [] },
      { excludeSchemas: [] },
    );

  it('a domain whose base type changes under a table column', async () => {
    const before = await load('CREATE DOMAIN d AS int; CREATE TABLE t (x d);');
    const after = await load('CREATE DOMAIN d AS text; CREATE TABLE t (x d);');
    expect(() => plan(before, after)).toThrow(PlanError);
    expect(() => plan(before, after)).toThrow(/cannot plan: table:public\.t depends on .*table objects hold data/);
  });

  it('a function re-created while a column default uses it', async () => {
    const before = await load(
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TABLE t (x int DEFAULT f());",
    );
    const after = await load(
      "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT 1'; CREATE TABLE t (x int DEFAULT f());",
    );
    expect(() => plan(before, after)).toThrow(/cannot plan: table:public\.t/);
  });

  it('plans a function default change when the column default changes with it', async () => {
    const before = await load(
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TABLE t (x int DEFAULT f());",
    );
    const after = await load(
      "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 2'; CREATE TABLE t (x int DEFAULT g());",
    );
    const p = plan(before, after);
    const sql = p.steps.flatMap((s) => s.statements);
    expect(sql.indexOf('DROP FUNCTION "public"."f"()')).toBeGreaterThan(
      sql.findIndex((s) => s.includes('SET DEFAULT public.g()')),
    );
  });
});
