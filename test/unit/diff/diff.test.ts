// The differ on hand-built models (the fixture of test/unit/fixtures/kinds.json, edited by hand): what changes it
// derives, with no database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWithArchive } from '../../../src/diff/diff.js';
import { makeModel, type DbObject, type Model } from '../../../src/model/model.js';

const diff = (from: Model, to: Model) => diffWithArchive(from, to).changes;
import { PlanError } from '../../../src/errors.js';
import { plan } from '../../../src/plan/plan.js';

const objects = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'kinds.json'), 'utf8')) as DbObject[];
type Table = DbObject & { columns: readonly Record<string, unknown>[] };
const byId = (id: string) => objects.find((o) => o.id === id) as DbObject & Record<string, unknown>;
const tableOf = (id: string) => objects.find((o) => o.id === id) as Table;
const replace = (...changed: DbObject[]) => makeModel(objects.map((o) => changed.find((c) => c.id === o.id) ?? o));
const summary = (from: DbObject[], to: DbObject[]) =>
  diff(makeModel(from), makeModel(to))
    .map((c) => `${c.op} ${c.id}${c.op === 'alter' ? ` ${c.action.type}` : ''}`)
    .sort();

describe('diff', () => {
  it('finds nothing between a model and itself', () => {
    expect(diff(makeModel(objects), makeModel(objects))).toEqual([]);
  });

  it('a new column is one alter of its table, naming the column', () => {
    const item = tableOf('table:app.item');
    const wider = { ...item, columns: [...item.columns, { ...item.columns[1], name: 'note', notNull: false }] };
    const changes = diff(makeModel(objects), replace(wider));
    expect(changes.map((c) => `${c.op} ${c.id}`)).toEqual(['alter table:app.item']);
    const [c] = changes;
    expect(c?.op === 'alter' && c.action).toMatchObject({
      type: 'columns',
      adds: [{ name: 'note' }],
      drops: [],
      alters: [],
    });
  });

  it('an index gone is a drop; one under a new name with the same definition is a rename', () => {
    const index = byId('index:app.tag_item');
    expect(
      summary(
        objects,
        objects.filter((o) => o !== index),
      ),
    ).toEqual(['drop index:app.tag_item']);
    const renamed = {
      ...index,
      id: 'index:app.tag_by_item',
      name: 'tag_by_item',
      definition: 'CREATE INDEX tag_by_item ON app.tag USING btree (item)',
    };
    expect(summary(objects, [...objects.filter((o) => o !== index), renamed])).toEqual([
      'alter index:app.tag_by_item rename',
    ]);
  });

  it('a view over a column whose type changes is re-created around the change', () => {
    const item = tableOf('table:app.item');
    const retyped = {
      ...item,
      columns: item.columns.map((c) => (c['name'] === 'name' ? { ...c, type: 'character varying(80)' } : c)),
    };
    expect(summary(objects, [...replace(retyped).objects])).toEqual([
      'alter table:app.item columns',
      'create view:app.v',
      'drop view:app.v',
    ]);
  });

  it('refuses to re-create a table implicitly for a type it uses that goes: tables hold rows', () => {
    const noEnum = makeModel(objects.filter((o) => o.id !== 'type:app.pos'));
    expect(() => plan(makeModel(objects), noEnum)).toThrow(PlanError);
    expect(() => plan(makeModel(objects), noEnum)).toThrow(
      /table:app\.item depends on an object that is dropped or must be re-created/,
    );
  });
});
