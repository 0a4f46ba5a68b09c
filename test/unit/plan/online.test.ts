// The online planner on hand-built models (issue 24): what it makes of a key's type change with a foreign key
// pointing at it, and what it refuses, naming why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeModel, type DbObject } from '../../../src/model/model.js';
import { planOnline } from '../../../src/plan/online.js';
import type { Column, TableObject } from '../../../src/objects/table/table-model.js';

const column = (name: string, type: string, more: Partial<Column> = {}): Column => ({
  name,
  type,
  typeRef: null,
  typeIsArray: false,
  notNull: false,
  default: null,
  defaultVolatile: false,
  identity: null,
  generated: null,
  collation: null,
  collationRef: null,
  storage: 'p',
  storageIsDefault: true,
  statistics: null,
  compression: null,
  inherited: false,
  ...more,
});

const table = (name: string, columns: Column[]): TableObject => ({
  kind: 'table',
  id: `table:public.${name}`,
  schema: 'public',
  name,
  unlogged: false,
  rowSecurity: false,
  forceRowSecurity: false,
  options: [],
  replicaIdentity: 'd',
  replicaIndex: null,
  partitionKey: null,
  partitionOf: null,
  inherits: [],
  columns,
  expressionRefs: [],
});

const constraint = (
  t: string,
  name: string,
  type: 'p' | 'f' | 'c',
  definition: string,
  columns: string[],
  refs: string[] = [],
) => ({
  kind: 'constraint',
  id: `constraint:public.${t}.${name}`,
  schema: 'public',
  table: t,
  name,
  type,
  definition,
  columns,
  references: [`table:public.${t}`, ...refs],
  attachedTo: null,
});

function models(idType: string, extra: DbObject[] = []) {
  const objects = (type: string): DbObject[] => [
    table('acct', [column('id', type, { notNull: true }), column('w', 'real')]),
    table('link', [column('id', 'integer', { notNull: true }), column('acct_id', 'integer', { notNull: true })]),
    constraint('acct', 'acct_pkey', 'p', 'PRIMARY KEY (id)', ['id']),
    constraint('link', 'link_pkey', 'p', 'PRIMARY KEY (id)', ['id']),
    constraint(
      'link',
      'link_acct_id_fkey',
      'f',
      'FOREIGN KEY (acct_id) REFERENCES public.acct(id)',
      ['acct_id'],
      ['constraint:public.acct.acct_pkey', 'table:public.acct'],
    ),
    ...extra,
  ];
  return { from: makeModel(objects('integer')), to: makeModel(objects(idType)) };
}

const statements = (p: { steps: readonly { statements: readonly string[] }[] }) => p.steps.flatMap((s) => s.statements);

describe('planOnline', () => {
  it('makes a key bigint beside the old one, backfills, and swaps with the foreign key made again', async () => {
    const { from, to } = models('bigint');
    const p = await planOnline(from, from, to, [], { archiveSchema: 'sfm_archive_1' }, '1');
    expect(p?.online).toEqual(['public.acct.id integer → bigint']);
    const sql = statements(p ?? { steps: [] });
    expect(sql).toContain('ALTER TABLE "public"."acct" ADD COLUMN "sfm_new_id" bigint');
    expect(sql).toContain('UPDATE "public"."acct" SET "sfm_new_id" = "id"::bigint WHERE "sfm_new_id" IS NULL');
    expect(sql).toContain('CREATE UNIQUE INDEX CONCURRENTLY "sfm_1_1" ON "public"."acct" USING btree ("sfm_new_id")');
    expect(sql).toContain('ALTER TABLE "public"."acct" ADD CONSTRAINT "acct_pkey" PRIMARY KEY USING INDEX "sfm_1_1"');
    expect(sql.indexOf('ALTER TABLE "public"."link" DROP CONSTRAINT "link_acct_id_fkey"')).toBeLessThan(
      sql.indexOf('ALTER TABLE "public"."acct" DROP COLUMN "id"'),
    );
    expect(sql).toContain('ALTER TABLE "public"."link" VALIDATE CONSTRAINT "link_acct_id_fkey"');
    expect(p?.steps.filter((s) => s.backfill).length).toBe(1);
    const contract = p?.steps.findIndex((s) => s.phase === 'contract') ?? -1;
    expect(p?.steps.slice(contract).every((s) => s.phase === 'contract')).toBe(true);
    expect(p?.downExpanded?.flatMap((s) => s.statements)).toContain(
      'ALTER TABLE "public"."acct" DROP COLUMN IF EXISTS "sfm_new_id"',
    );
    // The way back from the contracted state is in place, then the archive's exact values.
    expect(p?.down.flatMap((s) => s.statements).some((x) => x.includes('ALTER COLUMN "id" TYPE integer'))).toBe(true);
    expect(p?.down.at(-2)?.statements[0]).toMatch(/^UPDATE "public"\."acct" AS t SET "id" = CASE/);
    expect(p?.down.at(-1)?.statements).toEqual(['DROP SCHEMA IF EXISTS "sfm_archive_1"']);
  });

  it('leaves a plan with no breaking change to the usual planner', async () => {
    const { from } = models('integer');
    expect(await planOnline(from, from, from, [], {}, '1')).toBeUndefined();
  });

  it('rewrites a column whose default changes by its declared conversion; without one, leaves it in place', async () => {
    const state = (def: string, using?: { up: string; down: string | null }) =>
      makeModel([
        table('task', [
          column('id', 'integer', { notNull: true }),
          column('state', 'text', { default: def, ...(using ? { using } : {}) }),
        ]),
        constraint('task', 'task_pkey', 'p', 'PRIMARY KEY (id)', ['id']) as DbObject,
      ]);
    const from = state("'new'::text");
    const declared = state("'open'::text", { up: `CASE WHEN state = 'new' THEN 'open' ELSE state END`, down: null });
    const p = await planOnline(from, from, declared, [], {}, '7');
    expect(p?.online).toEqual(['public.task.state rewritten by its declared conversion']);
    expect(p?.rewrites).toEqual(['public.task.state']);
    expect(statements(p ?? { steps: [] })).toContain(
      `UPDATE "public"."task" SET "sfm_new_state" = CASE WHEN "state" = 'new' THEN 'open' ELSE "state" END WHERE "sfm_new_state" IS NULL`,
    );
    expect(await planOnline(from, from, state("'open'::text"), [], {}, '7')).toBeUndefined();
    // Planned once, the declaration left in the file plans nothing again.
    expect(await planOnline(declared, declared, declared, [], {}, '8')).toBeUndefined();
  });

  it('refuses what it cannot do online, naming the column and why', async () => {
    const check = constraint('acct', 'acct_id_check', 'c', 'CHECK ((id > 0))', ['id']);
    const { from, to } = models('bigint', [check as DbObject]);
    await expect(planOnline(from, from, to, [], {}, '1')).rejects.toThrow(
      /constraint:public\.acct\.acct_id_check uses public\.acct\.id: change it in a migration of its own/,
    );
    const kinds = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'kinds.json'), 'utf8')) as DbObject[];
    const item = kinds.find((o) => o.id === 'table:app.item') as TableObject;
    const bigger = { ...item, columns: item.columns.map((c) => (c.name === 'id' ? { ...c, type: 'bigint' } : c)) };
    await expect(
      planOnline(
        makeModel(kinds),
        makeModel(kinds),
        makeModel(kinds.map((o) => (o.id === item.id ? bigger : o))),
        [],
        {},
        '1',
      ),
    ).rejects.toThrow(/app\.item\.id is an identity column/);
  });
});
