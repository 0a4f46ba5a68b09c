// Orders changes with an explicit dependency graph (stable vertex ids = change keys) and a deterministic
// topological sort: among the changes that may run next, drops go first, then alters, then creates (late ones
// last), then by key.
import type { Change } from '../objects/kind.js';
import { PlanError } from '../errors.js';
import { Heap } from './heap.js';

const OP_RANK: Record<Change['op'], number> = { drop: 0, alter: 1, create: 2 };

export interface Edge {
  readonly from: string;
  readonly to: string;
}

export function buildEdges(changes: readonly Change[]): Edge[] {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const byId = new Map<string, Change[]>();
  for (const c of changes) {
    const list = byId.get(c.id) ?? [];
    list.push(c);
    byId.set(c.id, list);
  }
  const bySlot = new Map<string, Change[]>();
  for (const c of changes) if (c.slot) bySlot.set(c.slot, [...(bySlot.get(c.slot) ?? []), c]);
  const edges: Edge[] = [];
  const add = (from: Change, to: Change) => {
    if (from.key !== to.key) edges.push({ from: from.key, to: to.key });
  };
  for (const c of changes) {
    if (c.op !== 'drop') {
      // Creates and alters run after the objects they need are created (or visibly altered).
      for (const dep of c.after) {
        for (const n of byId.get(dep) ?? []) {
          if (n.op === 'create' || (n.op === 'alter' && n.visibleToDependents && n.id !== c.id)) add(n, c);
        }
      }
    }
    for (const dep of c.before) {
      // Drops and alters run before the objects they used are dropped; drops also before those change shape.
      for (const n of byId.get(dep) ?? []) {
        if (n.id === c.id) continue;
        if (n.op === 'drop' || (c.op === 'drop' && n.op === 'alter' && n.visibleToDependents)) add(c, n);
      }
    }
    for (const id of c.beforeAltersOf ?? []) {
      for (const n of byId.get(id) ?? []) if (n.op === 'alter' && n.id !== c.id) add(c, n);
    }
    for (const key of c.runsAfter ?? []) {
      const n = byKey.get(key);
      if (n) add(n, c);
    }
    for (const key of c.runsBefore ?? []) {
      const n = byKey.get(key);
      if (n) add(c, n);
    }
    // A name freed by a drop (a table replaced by a view of the same name) is taken only after the drop.
    if (c.op === 'create' && c.slot) {
      for (const n of bySlot.get(c.slot) ?? []) if (n.op === 'drop' && n.id !== c.id) add(n, c);
    }
    // One object's own changes: clear (alter) before drop, drop before create, create before alter.
    for (const n of byId.get(c.id) ?? []) {
      if (c.op === 'drop' && n.op === 'create') add(c, n);
      if (c.op === 'create' && n.op === 'alter') add(c, n);
      if (c.op === 'alter' && n.op === 'drop') add(c, n);
    }
  }
  return edges;
}

export function sortChanges(changes: readonly Change[]): Change[] {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  if (byKey.size !== changes.length) throw new PlanError('internal: duplicate change keys in plan');
  const hard = new Map(changes.map((c) => [c.key, 0]));
  const soft = new Map(changes.map((c) => [c.key, 0]));
  const next = new Map<string, { key: string; soft: boolean }[]>();
  const link = (from: string, to: string, isSoft: boolean) => {
    const list = next.get(from) ?? [];
    if (!next.has(from)) next.set(from, list);
    list.push({ key: to, soft: isSoft });
    (isSoft ? soft : hard).set(to, ((isSoft ? soft : hard).get(to) ?? 0) + 1);
  };
  for (const e of buildEdges(changes)) link(e.from, e.to, false);
  for (const c of changes) for (const k of c.prefersAfter ?? []) if (byKey.has(k) && k !== c.key) link(k, c.key, true);
  const rank = (c: Change) => OP_RANK[c.op] + (c.late ? 1 : 0);
  const compare = (a: Change, b: Change) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const done = new Set<string>();
  const queued = new Set<string>();
  const ready = new Heap<Change>((a, b) => compare(a, b) < 0);
  const offer = (c: Change) => {
    if (done.has(c.key) || queued.has(c.key) || hard.get(c.key) !== 0 || soft.get(c.key) !== 0) return;
    queued.add(c.key);
    ready.push(c);
  };
  for (const c of changes) offer(c);
  const out: Change[] = [];
  while (out.length < changes.length) {
    let c = ready.pop();
    if (!c) {
      // Only preferences hold the rest back (mutually calling functions): the first change free of hard edges goes.
      c = changes.filter((x) => !done.has(x.key) && hard.get(x.key) === 0).sort(compare)[0];
      if (!c) break;
    }
    done.add(c.key);
    out.push(c);
    for (const n of next.get(c.key) ?? []) {
      const counts = n.soft ? soft : hard;
      counts.set(n.key, (counts.get(n.key) ?? 0) - 1);
      offer(byKey.get(n.key) as Change);
    }
  }
  if (out.length !== changes.length) {
    const stuck = changes.filter((c) => (hard.get(c.key) ?? 0) > 0).map((c) => c.key);
    throw new PlanError(`cannot order the changes: dependency cycle among ${stuck.join(', ')}`);
  }
  return out;
}
