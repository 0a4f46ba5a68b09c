// Every kind's renderer on a hand-kept model (test/unit/fixtures/kinds.json: one or more objects of 18 kinds), with
// no database: the SQL each kind writes to create and to drop its objects, and the changes of issue 22 that carry a
// sequence's position. Server-free: `npm run test:unit`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyModel, makeModel, type DbObject, type Model } from '../../../src/model/model.js';
import { plan } from '../../../src/plan/plan.js';
import { kindOf } from '../../../src/objects/registry.js';

const objects = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'kinds.json'), 'utf8')) as DbObject[];
const model = makeModel(objects);
const sqlOf = (from: Model, to: Model) => plan(from, to).steps.flatMap((s) => s.statements);
const up = sqlOf(emptyModel(), model);

/** The fixture without the objects of one kind and whatever depends on them. */
function withoutKind(kind: string): DbObject[] {
  const gone = new Set(objects.filter((o) => o.kind === kind).map((o) => o.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of objects) {
      const uses = [...kindOf(o).dependencies(o), kindOf(o).parent?.(o) ?? ''];
      if (gone.has(o.id) || !uses.some((d) => gone.has(d))) continue;
      gone.add(o.id);
      grew = true;
    }
  }
  return objects.filter((o) => !gone.has(o.id));
}
const down = sqlOf(model, emptyModel());

/** What each kind's create (and drop) must say, for the fixture's objects. */
const CREATES: Record<string, RegExp> = {
  schema: /^CREATE SCHEMA (IF NOT EXISTS )?"app"/,
  extension: /^CREATE EXTENSION IF NOT EXISTS "citext"/,
  collation: /^CREATE COLLATION "app"\."ci" \(.*provider = icu.*deterministic = false/,
  enum: /^CREATE TYPE "app"\."mood" AS ENUM \('sad', 'ok'\)$/,
  domain: /^CREATE DOMAIN "app"\."pos" AS integer.*CHECK \(\(VALUE > 0\)\)/,
  composite: /^CREATE TYPE "app"\."pair" AS \(\s*"a" integer,\s*"b" text\s*\)$/,
  range: /^CREATE TYPE "app"\."span" AS RANGE \(SUBTYPE = integer/,
  sequence:
    /^CREATE SEQUENCE "app"\."ids" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE$/,
  table:
    /^CREATE TABLE "app"\."item" \(\n\s+"id" integer GENERATED ALWAYS AS IDENTITY \(START WITH 1 .*\) NOT NULL,\n\s+"name" text NOT NULL,/,
  constraint:
    /^ALTER TABLE "app"\."tag" ADD CONSTRAINT "tag_item_fkey" FOREIGN KEY \(item\) REFERENCES app\.item\(id\)/,
  index: /^CREATE INDEX "?tag_item"? ON app\.tag USING btree \(item\)$/,
  view: /^CREATE (OR REPLACE )?VIEW "app"\."v" AS/,
  function: /^CREATE (OR REPLACE )?FUNCTION app\.f\(x integer\)/,
  trigger: /^CREATE TRIGGER "?item_t"? BEFORE INSERT ON app\.item FOR EACH ROW EXECUTE FUNCTION app\.trg\(\)$/,
  policy: /^CREATE POLICY "own" ON "app"\."item"/,
  grant: /^GRANT SELECT ON (TABLE )?"app"\."item" TO "sfm_reader"$/,
  comment: /^COMMENT ON TABLE "app"\."item" IS 'things'$/,
  event_trigger: /^CREATE EVENT TRIGGER "sfm_evt" ON ddl_command_start EXECUTE FUNCTION "app"\."evt"\(\)$/,
};

describe('the renderer of each kind', () => {
  it('has a case for every kind of the fixture', () => {
    expect([...new Set(objects.map((o) => o.kind))].sort()).toEqual(Object.keys(CREATES).sort());
  });
  for (const [kind, pattern] of Object.entries(CREATES)) {
    it(`${kind}: creates its objects from nothing, and drops them when the desired state has none of its kind`, () => {
      expect(
        up.some((s) => pattern.test(s)),
        `${kind} create in:\n${up.join('\n')}`,
      ).toBe(true);
      const without = plan(model, makeModel(withoutKind(kind)));
      expect(
        without.steps.some((s) => s.kind === kind && s.op === 'drop' && s.statements.length > 0),
        `${kind}: a drop step`,
      ).toBe(true);
    });
  }
  it('drops in an order the catalog accepts: dependents before what they use', () => {
    const at = (re: RegExp) => down.findIndex((s) => re.test(s));
    expect(at(/^DROP VIEW "app"\."v"/)).toBeLessThan(at(/^DROP TABLE "app"\."item"/));
    expect(at(/^DROP TABLE "app"\."item"/)).toBeLessThan(at(/^DROP TYPE "app"\."mood"/));
    expect(at(/^DROP TABLE "app"\."tag"/)).toBeLessThan(at(/^DROP SEQUENCE "app"\."ids"/));
    expect(down.at(-1)).toMatch(/^DROP SCHEMA "app"/);
  });
});

type Table = DbObject & { columns: readonly Record<string, unknown>[] };
const item = objects.find((o) => o.id === 'table:app.item') as Table;
const ids = objects.find((o) => o.id === 'sequence:app.ids') as DbObject & Record<string, unknown>;
const withColumn = (t: Table, name: string, change: Record<string, unknown>): Table => ({
  ...t,
  columns: t.columns.map((c) => (c['name'] === name ? { ...c, ...change } : c)),
});
const only = (...os: DbObject[]) => makeModel([...objects.filter((o) => o.kind === 'schema'), ...os]);

describe('sequence positions in rendered plans (issue 22)', () => {
  it('identity to a sequence default: the position is carried before the identity goes, and back after it returns', () => {
    const serial = withColumn(item, 'id', {
      identity: null,
      default: "nextval('app.ids'::regclass)",
      defaultVolatile: true,
    });
    const p = plan(only(item, ids), only(serial, ids));
    const sql = p.steps.flatMap((s) => s.statements);
    const carry = sql.findIndex((s) => s.startsWith('SELECT pg_catalog.setval'));
    expect(carry).toBeGreaterThanOrEqual(0);
    expect(carry).toBeLessThan(sql.findIndex((s) => s.endsWith('DROP IDENTITY')));
    expect(sql[carry]).toContain(`pg_catalog.pg_get_serial_sequence('"app"."item"', 'id')`);
    const back = p.down.flatMap((s) => s.statements);
    expect(back.findIndex((s) => s.startsWith('SELECT pg_catalog.setval'))).toBeGreaterThan(
      back.findIndex((s) => s.includes('ADD GENERATED ALWAYS AS IDENTITY')),
    );
  });

  it('the sequence a column hands over to an identity is dropped without DELETES_DATA; one that goes with its column keeps it', () => {
    const owned = { ...ids, ownedBy: { schema: 'app', table: 'item', column: 'id' } };
    const serial = withColumn(item, 'id', {
      identity: null,
      default: "nextval('app.ids'::regclass)",
      defaultVolatile: true,
    });
    const drop = plan(only(serial, owned), only(item)).steps.find((s) => s.op === 'drop' && s.kind === 'sequence');
    expect(drop?.statements[0]).toBe('DROP SEQUENCE "app"."ids"');
    expect(drop?.hazards).toEqual([]);
    const bare = withColumn(item, 'id', { identity: null });
    const lost = plan(only(serial, owned), only(bare)).steps.find((s) => s.op === 'drop' && s.kind === 'sequence');
    expect(lost?.hazards).toEqual(['DELETES_DATA']);
  });

  it('a narrower sequence range is guarded, never restarted outright', () => {
    const narrow = { ...ids, dataType: 'integer', max: '2147483647' };
    const sql = sqlOf(only(ids), only(narrow));
    expect(sql[0]).toMatch(
      /^DO \$sfm\$ DECLARE v bigint; called boolean; BEGIN\n.*IF NOT \(v BETWEEN 1 AND 2147483647\)/s,
    );
    expect(sql[0]).toContain(
      "RAISE EXCEPTION 'sequence app.ids: its current value % does not fit the new range (minimum 1, maximum 2147483647); nothing was changed'",
    );
    expect(sql[1]).toBe(
      'ALTER SEQUENCE "app"."ids" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE',
    );
    expect(sqlOf(only(narrow), only(ids))).toEqual([
      'ALTER SEQUENCE "app"."ids" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE',
    ]);
  });

  it('an owned sequence under a new name for the same column is renamed, not re-created', () => {
    const owned = { ...ids, ownedBy: { schema: 'app', table: 'item', column: 'name' } };
    const renamed = { ...owned, id: 'sequence:app.item_name_seq', name: 'item_name_seq' };
    expect(sqlOf(only(item, owned), only(item, renamed))).toEqual([
      'ALTER SEQUENCE "app"."ids" RENAME TO "item_name_seq"',
    ]);
  });

  it('a key added to a table in use is built online, its index attached with USING INDEX', () => {
    const pkey = objects.find((o) => o.id === 'constraint:app.item.item_pkey') as DbObject;
    const key = { ...pkey, definition: 'PRIMARY KEY (id) INCLUDE (name) DEFERRABLE INITIALLY DEFERRED' };
    const p = plan(only(item), only(item, key));
    expect(p.steps.map((s) => [s.statements, s.nonTransactional, s.hazards])).toEqual([
      [['CREATE UNIQUE INDEX CONCURRENTLY "item_pkey" ON "app"."item" (id) INCLUDE (name)'], true, ['INDEX_BUILD']],
      [
        [
          'ALTER TABLE "app"."item" ADD CONSTRAINT "item_pkey" PRIMARY KEY USING INDEX "item_pkey" DEFERRABLE INITIALLY DEFERRED',
        ],
        false,
        [],
      ],
    ]);
    expect(p.down.flatMap((s) => s.statements)).toEqual(['ALTER TABLE "app"."item" DROP CONSTRAINT "item_pkey"']);
    // On a new table there is no traffic to keep going: added in place.
    expect(sqlOf(emptyModel(), only(item, key)).at(-1)).toMatch(/ADD CONSTRAINT "item_pkey" PRIMARY KEY \(id\)/);
  });
});
