// The ordering of changes on hand-built changes, against a naive reference: every edge the graph derives holds in
// the order, the order is the reference's (Kahn's algorithm taking the lowest op rank, then key, by a full scan), and
// a cycle is an error that names the changes in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/objects/kind.js';
import { buildEdges, sortChanges } from '../../../src/plan/graph.js';
import { PlanError } from '../../../src/errors.js';

const RANK = { drop: 0, alter: 1, create: 2 } as const;

function change(op: Change['op'], n: number, after: string[] = [], before: string[] = []): Change {
  const object = { kind: 'thing', id: `thing:${n}`, name: `t${n}` };
  const base = { kind: 'thing', id: object.id, key: `${op}:${object.id}`, after, before };
  return op === 'alter'
    ? { ...base, op, from: object, to: object, action: { type: 'x' }, visibleToDependents: true }
    : { ...base, op, object };
}

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
  .map((specs) =>
    specs.map((s, i) => {
      const lower = s.deps.filter((d) => d < i).map((d) => `thing:${d}`);
      return s.op === 'drop' ? change('drop', i, [], lower) : change(s.op, i, lower);
    }),
  );

describe('sortChanges', () => {
  it('orders like the naive reference and keeps every edge', () => {
    fc.assert(
      fc.property(plans, (changes) => {
        const sorted = sortChanges(changes).map((c) => c.key);
        expect(sorted).toEqual(reference(changes));
        const at = new Map(sorted.map((k, i) => [k, i]));
        for (const e of buildEdges(changes)) expect(at.get(e.from)!).toBeLessThan(at.get(e.to)!);
      }),
      { numRuns: 300 },
    );
  });

  it('runs a create after what it needs, and a drop before what it used goes', () => {
    const order = sortChanges([
      change('create', 2, ['thing:1']),
      change('create', 1),
      change('drop', 4, [], ['thing:3']),
      change('drop', 3),
    ]).map((c) => c.key);
    expect(order).toEqual(['drop:thing:4', 'drop:thing:3', 'create:thing:1', 'create:thing:2']);
  });

  it('refuses a cycle, naming the changes in it', () => {
    expect(() =>
      sortChanges([change('create', 1, ['thing:2']), change('create', 2, ['thing:1']), change('create', 3)]),
    ).toThrow(new PlanError('cannot order the changes: dependency cycle among create:thing:1, create:thing:2'));
  });
});
