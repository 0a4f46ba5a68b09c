// Orders changes by the resources they need, provide and release (model/resource.ts) with a deterministic
// topological sort: among the changes that may run next, drops go first, then alters, then creates (late ones
// last), then by key. An object's own changes run in the order of their operations: an alter that clears it before
// its drop, its drop before its create, its create before its alters.
import type { Change } from '../objects/kind.js';
import type { ObjectId } from '../model/model.js';
import { orderedByOwnChanges, resourceParts, type Resource } from '../model/resource.js';
import { PlanError } from '../errors.js';
import { Heap } from './heap.js';

const OP_RANK: Record<Change['op'], number> = { drop: 0, alter: 1, create: 2 };

export interface Edge {
  readonly from: string;
  readonly to: string;
  /** Why `to` waits for `from`, in words (for the error that names a cycle). */
  readonly why: string;
}

/** The objects of both states, by id: a need that no change provides is satisfied by the current state or wrong. */
export interface States {
  readonly fromById: ReadonlyMap<ObjectId, unknown>;
  readonly toById: ReadonlyMap<ObjectId, unknown>;
}

function index(changes: readonly Change[], of: (c: Change) => readonly Resource[]): Map<Resource, Change[]> {
  const out = new Map<Resource, Change[]>();
  for (const c of changes) {
    for (const r of of(c)) {
      const list = out.get(r);
      if (list) list.push(c);
      else out.set(r, [c]);
    }
  }
  return out;
}

export function buildEdges(changes: readonly Change[]): Edge[] {
  const providers = index(changes, (c) => c.provides);
  const releasers = index(changes, (c) => c.releases);
  const byId = new Map<ObjectId, Change[]>();
  for (const c of changes) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  const edges: Edge[] = [];
  const add = (from: Change, to: Change, why: string) => {
    if (from.key !== to.key) edges.push({ from: from.key, to: to.key, why });
  };
  for (const c of changes) {
    for (const r of c.needs) {
      const own = orderedByOwnChanges(r);
      // After what provides it; before what releases it.
      for (const p of providers.get(r) ?? [])
        if (!own || p.id !== c.id) add(p, c, `it needs ${r}, which ${p.key} provides`);
      for (const d of releasers.get(r) ?? [])
        if (!own || d.id !== c.id) add(c, d, `it takes away ${r}, which ${c.key} needs`);
    }
    for (const n of byId.get(c.id) ?? []) {
      const same = `an object's ${n.op} follows its ${c.op}`;
      if (c.op === 'drop' && n.op === 'create') add(c, n, same);
      if (c.op === 'create' && n.op === 'alter') add(c, n, same);
      if (c.op === 'alter' && n.op === 'drop' && !c.finishesCreate) add(c, n, same);
    }
  }
  return edges;
}

/** Soft edges: what a change wants runs first where that makes no cycle. */
function wantEdges(changes: readonly Change[]): Edge[] {
  const providers = index(changes, (c) => c.provides);
  return changes.flatMap((c) =>
    (c.wants ?? []).flatMap((r) =>
      (providers.get(r) ?? [])
        .filter((p) => p.key !== c.key)
        .map((p) => ({ from: p.key, to: c.key, why: `it wants ${r}, which ${p.key} provides` })),
    ),
  );
}

/** One cycle among the changes left (following hard edges backwards from one of them), each with why it waits. */
function describeCycle(left: ReadonlySet<string>, edges: readonly Edge[]): string {
  const waitsFor = new Map<string, Edge>();
  for (const e of edges) if (left.has(e.from) && left.has(e.to) && !waitsFor.has(e.to)) waitsFor.set(e.to, e);
  const [start] = [...left].sort();
  const path: Edge[] = [];
  const seen = new Map<string, number>();
  let at = start;
  while (at !== undefined && !seen.has(at)) {
    seen.set(at, path.length);
    const e = waitsFor.get(at);
    if (!e) break;
    path.push(e);
    at = e.from;
  }
  const cycle = at !== undefined && seen.has(at) ? path.slice(seen.get(at)) : path;
  return cycle
    .reverse()
    .map((e) => `${e.to} waits for ${e.from} (${e.why})`)
    .join('; ');
}

/** A target object that a change needs, that no change creates and that the current state does not keep, is a
 * fault of the plan (a dependency that would fail at apply), never a silently dropped order. */
function unmetNeeds(changes: readonly Change[], states: States): string[] {
  const provided = new Set(changes.flatMap((c) => c.provides));
  const released = new Set(changes.flatMap((c) => c.releases));
  const out: string[] = [];
  for (const c of changes) {
    for (const r of c.needs) {
      const { family, subject } = resourceParts(r);
      if (family !== 'exists' || provided.has(r)) continue;
      const kept = states.fromById.has(subject) && states.toById.has(subject) && !released.has(`was:${subject}`);
      const known = states.fromById.has(subject) || states.toById.has(subject);
      if (known && !kept) out.push(`${c.key} needs ${subject}, which the plan neither keeps nor creates`);
    }
  }
  return out;
}

export function sortChanges(changes: readonly Change[], states: States): Change[] {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  if (byKey.size !== changes.length) throw new PlanError('internal: duplicate change keys in plan');
  const unmet = unmetNeeds(changes, states);
  if (unmet.length) throw new PlanError(`cannot order the changes: ${unmet.join('; ')}`);
  const hard = new Map(changes.map((c) => [c.key, 0]));
  const soft = new Map(changes.map((c) => [c.key, 0]));
  const next = new Map<string, { key: string; soft: boolean }[]>();
  const link = (from: string, to: string, isSoft: boolean) => {
    const list = next.get(from) ?? [];
    if (!next.has(from)) next.set(from, list);
    list.push({ key: to, soft: isSoft });
    (isSoft ? soft : hard).set(to, ((isSoft ? soft : hard).get(to) ?? 0) + 1);
  };
  const edges = buildEdges(changes);
  for (const e of edges) link(e.from, e.to, false);
  for (const e of wantEdges(changes)) link(e.from, e.to, true);
  const rank = (c: Change) => OP_RANK[c.op] + (c.late ? 1 : 0);
  const compare = (a: Change, b: Change) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const done = new Set<string>();
  const queued = new Set<string>();
  const ready = new Heap<Change>((a, b) => compare(a, b) < 0);
  const offer = (c: Change | undefined) => {
    if (!c || done.has(c.key) || queued.has(c.key) || hard.get(c.key) !== 0 || soft.get(c.key) !== 0) return;
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
      offer(byKey.get(n.key));
    }
  }
  if (out.length !== changes.length) {
    const stuck = changes.filter((c) => (hard.get(c.key) ?? 0) > 0).map((c) => c.key);
    throw new PlanError(
      `cannot order the changes: dependency cycle among ${stuck.join(', ')}: ${describeCycle(new Set(stuck), edges)}`,
    );
  }
  return out;
}
