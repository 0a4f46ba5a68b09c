// The ordering of changes on hand-built changes, against a naive reference: every edge the graph derives holds in
// the order, the order is the reference's (Kahn's algorithm taking the lowest op rank, then key, by a full scan), and
// a cycle is an error that names the changes in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/objects/kind.js';
import { alterChange, createChange, dropChange } from '../../../src/objects/shared/change.js';
import { buildEdges, sortChanges, type States } from '../../../src/plan/graph.js';
import { PlanError } from '../../../src/errors.js';
import { resource } from '../../../src/model/resource.js';

const RANK = { drop: 0, alter: 1, create: 2 } as const;

function change(op: Change['op'], n: number, after: string[] = [], before: string[] = []): Change {
  const object = { kind: 'thing', id: `thing:${n}`, name: `t${n}` };
  if (op === 'create') return createChange(object, after);
  if (op === 'drop') return dropChange(object, before);
  const alter = alterChange(object, object, { type: 'x' }, { after, before }, { visible: true });
  return { ...alter, key: `alter:${object.id}` };
}

/** Both states hold every thing: what no change provides is kept. */
const things = new Map(Array.from({ length: 40 }, (_, i) => [`thing:${i}`, {}]));
const BOTH: States = { fromById: things, toById: things };

function reference(changes: readonly Change[]): string[] {
  const edges = buildEdges(changes);
  const left = new Set(changes.map((c) => c.key));
  const out: string[] = [];
  while (left.size) {
    const free = changes.filter((c) => left.has(c.key) && !edges.some((e) => e.to === c.key && left.has(e.from)));
    free.sort((a, b) => RANK[a.op] - RANK[b.op] || (a.key < b.key ? -1 : 1));
    const next = free[0];
    if (!next) throw new Error('cycle');
    left.delete(next.key);
    out.push(next.key);
  }
  return out;
}

/** Random acyclic plans: change i may need only changes of lower numbers (creates) or be needed by them (drops). */
const plans = fc
  .array(
    fc.record({
      op: fc.constantFrom('create', 'drop', 'alter') as fc.Arbitrary<Change['op']>,
      deps: fc.array(fc.nat(30), { maxLength: 3 }),
    }),
    { maxLength: 30 },
  )
  .map((specs) => {
    // A create or alter never needs a thing the plan drops (that is refused, see below).
    const dropped = new Set(specs.flatMap((s, i) => (s.op === 'drop' ? [i] : [])));
    return specs.map((s, i) => {
      const lower = s.deps.filter((d) => d < i && (s.op === 'drop' || !dropped.has(d))).map((d) => `thing:${d}`);
      return s.op === 'drop' ? change('drop', i, [], lower) : change(s.op, i, lower);
    });
  });

describe('sortChanges', () => {
  it('orders like the naive reference and keeps every edge', () => {
    fc.assert(
      fc.property(plans, (changes) => {
        const sorted = sortChanges(changes, BOTH).map((c) => c.key);
        expect(sorted).toEqual(reference(changes));
        const at = new Map(sorted.map((k, i) => [k, i]));
        for (const e of buildEdges(changes)) expect(at.get(e.from)!).toBeLessThan(at.get(e.to)!);
      }),
      { numRuns: 300 },
    );
  });

  it('runs a create after what it needs, and a drop before what it used goes', () => {
    const order = sortChanges(
      [change('create', 2, ['thing:1']), change('create', 1), change('drop', 4, [], ['thing:3']), change('drop', 3)],
      BOTH,
    ).map((c) => c.key);
    expect(order).toEqual(['drop:thing:4', 'drop:thing:3', 'create:thing:1', 'create:thing:2']);
  });

  it('refuses a cycle, naming the changes in it and why each waits for the next', () => {
    expect(() =>
      sortChanges([change('create', 1, ['thing:2']), change('create', 2, ['thing:1']), change('create', 3)], BOTH),
    ).toThrow(
      new PlanError(
        'cannot order the changes: dependency cycle among create:thing:1, create:thing:2: ' +
          'create:thing:2 waits for create:thing:1 (it needs exists:thing:1, which create:thing:1 provides); ' +
          'create:thing:1 waits for create:thing:2 (it needs exists:thing:2, which create:thing:2 provides)',
      ),
    );
    // A change waiting behind the cycle is named among the stuck, but the trace is the cycle itself.
    const behind = [
      change('create', 1, ['thing:2']),
      change('create', 2, ['thing:1']),
      change('create', 0, ['thing:1']),
    ];
    const err = (() => {
      try {
        sortChanges(behind, BOTH);
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    expect(err).toContain('dependency cycle among create:thing:1, create:thing:2, create:thing:0: create:thing:');
    expect(err).not.toMatch(/create:thing:0 waits/);
  });

  it("runs an alter that finishes an object's create after the create, where the object is dropped and made again", () => {
    const finish = { ...change('alter', 1), finishesCreate: true };
    expect(sortChanges([finish, change('create', 1), change('drop', 1)], BOTH).map((c) => c.key)).toEqual([
      'drop:thing:1',
      'create:thing:1',
      'alter:thing:1',
    ]);
    // An alter of the object as it was goes before its drop, which then meets the create: no order exists.
    expect(() => sortChanges([change('alter', 1), change('create', 1), change('drop', 1)], BOTH)).toThrow(
      /dependency cycle/,
    );
  });

  it('refuses a need that no change provides and the current state does not keep', () => {
    const needsNew = [change('create', 1, ['thing:2'])];
    const onlyTarget: States = { fromById: new Map(), toById: things };
    expect(() => sortChanges(needsNew, onlyTarget)).toThrow(
      new PlanError('cannot order the changes: create:thing:1 needs thing:2, which the plan neither keeps nor creates'),
    );
    // The same need, kept by the current state: satisfied.
    expect(sortChanges(needsNew, BOTH).map((c) => c.key)).toEqual(['create:thing:1']);
    // Kept, but dropped by the plan without a create: refused.
    expect(() => sortChanges([...needsNew, change('drop', 2)], BOTH)).toThrow(/create:thing:1 needs thing:2/);
    // Created by the plan: ordered after it.
    expect(sortChanges([...needsNew, change('create', 2)], onlyTarget).map((c) => c.key)).toEqual([
      'create:thing:2',
      'create:thing:1',
    ]);
  });

  it('orders by named resources: a release waits for its needers, a provider goes before', () => {
    const object = (n: number) => ({ kind: 'thing', id: `thing:${n}`, name: `t${n}` });
    const detach = alterChange(
      object(1),
      object(1),
      { type: 'detach' },
      { after: [], before: [] },
      {
        provides: [resource.detached('thing:1')],
      },
    );
    const childDrop = { ...dropChange(object(2), []), needs: [resource.detached('thing:1')] };
    const leaving = alterChange(
      object(3),
      object(3),
      { type: 'x' },
      { after: [], before: [] },
      {
        needs: [resource.unaltered('thing:4')],
      },
    );
    const parentAlter = alterChange(object(4), object(4), { type: 'columns' }, { after: [], before: [] });
    const order = sortChanges([childDrop, parentAlter, leaving, detach], BOTH).map((c) => c.key);
    expect(order.indexOf('alter:thing:1:detach')).toBeLessThan(order.indexOf('drop:thing:2'));
    expect(order.indexOf('alter:thing:3:x')).toBeLessThan(order.indexOf('alter:thing:4:columns'));
  });

  it('runs what needs a renamed object after the rename, which brings it into being under its new id', () => {
    const was = { kind: 'thing', id: 'thing:1', name: 't1' };
    const now = { kind: 'thing', id: 'thing:9', name: 't9' };
    const rename = alterChange(was, now, { type: 'rename' }, { after: [], before: [] }, { visible: true });
    const user = change('create', 5, ['thing:9']);
    const onlyOld: States = { fromById: new Map([['thing:1', {}]]), toById: new Map([['thing:9', {}]]) };
    expect(sortChanges([user, rename], onlyOld).map((c) => c.key)).toEqual(['alter:thing:9:rename', 'create:thing:5']);
  });
});
