// The proof of a plan, run on the dev database before the plan is written: the current state is built there and
// filled with sample rows; the up steps run one by one as apply runs them; the catalog must then be the desired
// state and the rows of every kept table and column unchanged; the down steps run; the catalog must be the current
// state again and, where the down claims to give them back, the rows too. Rewrites and lost rows that a step did not
// declare are added to its hazards. Any failure stops the plan, naming the step, its SQL and PostgreSQL's error.
import type { Queryable } from '../db/queryable.js';
import type { DevDatabase } from '../dev-db/types.js';
import { PlanError, sqlStateOf, messageOf } from '../errors.js';
import { introspect } from '../introspect/introspect.js';
import type { Model } from '../model/model.js';
import type { Rename } from '../model/rename.js';
import type { Hazard, HazardDetail } from '../model/hazard.js';
import type { Scope } from '../model/scope.js';
import { schemaHash } from '../diff/hash.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { replayHistory } from '../state/history-state.js';
import { materialize } from '../state/materialize.js';
import { describeDrift, driftBetween } from '../apply/drift.js';
import {
  readDigests,
  readStorage,
  readTables,
  storageFingerprint,
  type CatalogColumn,
  type CatalogTable,
  type RowDigest,
  type Storage,
  readOwnLocks,
  readRelationOids,
} from './catalog.js';
import { fillTables, type Sampling } from './sample-rows.js';
import { columnKey, tableId } from '../objects/shared/ids.js';
import { checkWrites, type WriteProblem } from './writes.js';
import { lockWatch, type LockWatch } from './lock-watch.js';
import { migrationSections, rehearseSection, rehearseStepByStep, StepFailed } from './rehearse.js';
import type { SectionSource } from '../migrations/segments.js';
import type { MigrationDir } from '../migrations/directory.js';
import { factDifferences, readFacts, type Facts } from './facts.js';

type CurrentBuild = { readonly type: 'history'; readonly dir: MigrationDir } | { readonly type: 'model' };

export interface ProveInput {
  readonly dev: DevDatabase;
  readonly scope: Scope;
  readonly current: Model;
  readonly desired: Model;
  readonly plan: Plan;
  readonly build: CurrentBuild;
  /** Columns of the desired state, read from the dev database where it was loaded (readFuture). */
  readonly future: ReadonlyMap<string, CatalogColumn>;
  /** Raw catalog facts of the desired state, read with `future` (see facts.ts); absent: the up steps' are not checked. */
  readonly facts?: Facts;
  /** The desired state's tables, read with `future`: the state the up steps reach (absent: read again there). */
  readonly tables?: readonly CatalogTable[];
  readonly renames: readonly Rename[];
}

export interface ObservedHazard {
  readonly direction: 'up' | 'down';
  /** 1-based step number in its section. */
  readonly step: number;
  readonly hazard: Hazard;
  readonly table: string;
  /** The step declared the hazard and the proof saw it not happen (a filled table's storage kept): it is taken off. */
  readonly absent?: true;
}

export interface ProofResult {
  readonly durationMs: number;
  readonly sampling: Sampling;
  /** A step refused the sample rows: the proof was run again on empty tables, and the step gets CORRECTNESS. */
  readonly refusedRows?: DataDependentFailure;
  readonly observed: readonly ObservedHazard[];
  /** The state the up steps reached on the dev database (the history with this migration replays to it). */
  readonly reached: Model;
  /** Filled tables the proof could not write one more row into after the up or the down steps, for reasons of its
   * sample values (a collision with a sequence's value fails the proof instead). */
  readonly notWritten: readonly WriteProblem[];
  /** The plan's steps with the observed hazards added. */
  readonly steps: readonly PlanStep[];
  readonly down: readonly PlanStep[];
  /** An online plan's way back from the expanded state, proven too. */
  readonly downExpanded?: readonly PlanStep[];
}

/** The desired state's columns by `schema.table.column`: read while the dev database holds the desired state. */
export async function readFuture(db: Queryable, scope: Scope): Promise<Map<string, CatalogColumn>> {
  return columnsOf(await readTables(db, scope));
}

const columnsOf = (tables: readonly CatalogTable[]) =>
  new Map(tables.flatMap((t) => t.columns.map((c) => [`${t.schema}.${t.name}.${c.name}`, c] as const)));

/** What the proof needs of the desired state, read while the dev database holds it. */
export async function readDesiredCatalog(
  db: Queryable,
  scope: Scope,
): Promise<Pick<ProveInput, 'future' | 'facts' | 'tables'>> {
  const tables = await readTables(db, scope);
  return { future: columnsOf(tables), tables, facts: await readFacts(db, scope) };
}

async function buildCurrent(i: ProveInput): Promise<Model> {
  if (i.build.type === 'history') return replayHistory(i.dev, i.build.dir, i.scope);
  await materialize(i.dev, i.current, 'the proof');
  return introspect(i.dev.db, i.scope);
}

function fail(message: string, cause?: unknown, step?: number): never {
  throw new PlanError(
    `the proof of the plan failed: ${message}\n  (the plan was run on the dev database, with sample rows; nothing was ` +
      `written. --no-prove skips the proof)`,
    {
      ...(cause ? { cause } : {}),
      details: { ...(step ? { step } : {}), ...(sqlStateOf(cause) ? { sqlstate: sqlStateOf(cause) } : {}) },
    },
  );
}

/** A step that PostgreSQL refused because of the rows it met (a data exception or an integrity violation): it
 * would fail the same way in production on such rows, but it is not wrong on tables without them. */
export interface DataDependentFailure {
  readonly direction: 'up' | 'down';
  readonly step: number;
  readonly message: string;
}

class RowsRefused extends Error {
  constructor(readonly failure: DataDependentFailure) {
    super(failure.message);
  }
}

const refusedByRows = (err: unknown) => /^2[23]/.test(sqlStateOf(err) ?? '');

/** Runs a section of the migration text (rehearse.ts), watching each table's storage after every step (a new
 * file: rewritten) and its rows (gone: lost). */
async function runSteps(
  db: Queryable,
  steps: readonly PlanStep[],
  section: SectionSource,
  direction: 'up' | 'down',
  rows: Map<string, number>,
  lockWatch?: LockWatch,
): Promise<{ observed: ObservedHazard[]; locks: Map<number, string[]> }> {
  const observed: ObservedHazard[] = [];
  const locks = new Map<number, string[]>();
  let held = new Set<string>();
  const existing = await readRelationOids(db);
  let storage = await readStorage(db);
  const filled = () => [...storage].filter(([, s]) => (rows.get(s.name) ?? 0) > 0).map(([oid]) => oid);
  let looked = filled();
  let fingerprint = await storageFingerprint(db, looked);
  const watch = async (n: number, watched: readonly string[]) => {
    const step = steps[n - 1] as PlanStep;
    // Locks held now that were not after the step before (in the same transaction, or taken anew in this one), and
    // those its statements outside a transaction were seen holding while they ran (lock-watch.ts).
    const now = await readOwnLocks(db, existing);
    const fresh = [...new Set([...[...now].filter((l) => !held.has(l)), ...watched])].sort();
    if (fresh.length) locks.set(n, fresh);
    held = now;
    if (
      step.hazards.includes('ACCESS_EXCLUSIVE_LOCK') &&
      !step.nonTransactional &&
      ![...now].some((l) => l.startsWith('AccessExclusiveLock on '))
    )
      observed.push({ direction, step: n, hazard: 'ACCESS_EXCLUSIVE_LOCK', table: '', absent: true });
    const print = await storageFingerprint(db, looked);
    if (print === fingerprint) {
      const kept = declaredRewriteKept(step, storage, rows);
      if (kept) observed.push({ direction, step: n, hazard: 'TABLE_REWRITE', table: kept, absent: true });
      return;
    }
    const after = await readStorage(db);
    const see = (hazard: Hazard, table: string) => {
      if (!step.hazards.includes(hazard)) observed.push({ direction, step: n, hazard, table });
    };
    for (const [oid, was] of storage) {
      const now = after.get(oid);
      const count = rows.get(was.name) ?? 0;
      if (!now) {
        if (count > 0) see('DELETES_DATA', was.name);
        rows.delete(was.name);
        continue;
      }
      if (now.name !== was.name) {
        rows.set(now.name, count);
        rows.delete(was.name);
      }
      if (now.relfilenode !== was.relfilenode && count > 0) {
        see('TABLE_REWRITE', now.name);
        const left =
          (await readDigests(db, [{ key: now.name, schema: now.schema, name: now.table, columns: [] }])).get(now.name)
            ?.rows ?? 0;
        if (left < count) see('DELETES_DATA', now.name);
        rows.set(now.name, left);
      }
    }
    storage = after;
    looked = filled();
    fingerprint = await storageFingerprint(db, looked);
  };
  try {
    await rehearseSection(db, section, watch, lockWatch);
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
    const step = steps[err.step - 1];
    const what =
      `${direction} step ${err.step} (${step?.op} ${step?.id}) failed: ${err.message}\n    ` +
      `${step?.statements.join(';\n    ')}`;
    if (refusedByRows(err.error) && rows.size > 0 && [...rows.values()].some((x) => x > 0))
      throw new RowsRefused({ direction, step: err.step, message: what });
    fail(what, err.error, err.step);
  }
  return { observed, locks };
}

interface Compared {
  readonly key: string;
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly string[];
}

/** Where a table and its columns are after the plan's declared renames. */
function renamed(t: CatalogTable, renames: readonly Rename[]): { name: string; column: (c: string) => string } {
  const table = renames.find((r) => r.kind !== 'column' && r.schema === t.schema && r.from === t.name);
  const name = table ? table.to : t.name;
  return {
    name,
    column: (c) =>
      renames.find((r) => r.kind === 'column' && r.schema === t.schema && r.table === name && r.from === c)?.to ?? c,
  };
}

interface Difference {
  readonly key: string;
  readonly text: string;
}

function differences(label: string, before: Map<string, RowDigest>, after: Map<string, RowDigest>): Difference[] {
  const out: Difference[] = [];
  for (const [key, b] of before) {
    const a = after.get(key);
    if (!a) continue;
    if (a.rows !== b.rows) out.push({ key, text: `${key}: ${b.rows} row(s) ${label}, ${a.rows} now` });
    else if (a.hash !== b.hash) out.push({ key, text: `${key}: values differ` });
  }
  return out;
}

/** A table's own step that declared a rewrite, and the filled table whose storage the step kept (no table storage
 * changed at all): the declaration was wrong. A condition the proof cannot judge (`unless`) keeps it. */
function declaredRewriteKept(step: PlanStep, storage: ReadonlyMap<number, Storage>, rows: ReadonlyMap<string, number>) {
  if (!step.hazards.includes('TABLE_REWRITE')) return undefined;
  if (step.hazardDetails?.some((d) => d.type === 'TABLE_REWRITE' && d.unless !== undefined)) return undefined;
  const own = [...storage.values()].find((s) => tableId(s.schema, s.table) === step.id);
  return own && own.relfilenode !== 0 && (rows.get(own.name) ?? 0) > 0 ? own.name : undefined;
}

/** What the proof saw, in words (the hazard detail of an observation). */
function observedReason(o: ObservedHazard): string {
  if (o.absent && o.hazard === 'ACCESS_EXCLUSIVE_LOCK')
    return 'declared, but the proof saw the step take no ACCESS EXCLUSIVE lock (the observation wins)';
  if (o.absent)
    return `declared, but the proof saw ${o.table} keep its storage with rows in it: no rewrite (the observation wins)`;
  if (o.hazard === 'TABLE_REWRITE') return `the proof saw ${o.table} rewritten (its storage file changed)`;
  if (o.hazard === 'DELETES_DATA') return `the proof saw rows or values of ${o.table} lost`;
  return "the step refused the proof's sample rows: it fails on data like them";
}

const withHazards = (steps: readonly PlanStep[], seen: readonly ObservedHazard[]) =>
  steps.map((s, i) => {
    const mine = seen.filter((o) => o.step === i + 1 && s.hazards.includes(o.hazard) === (o.absent ?? false));
    if (!mine.length) return s;
    const gone = new Set(mine.filter((o) => o.absent).map((o) => o.hazard));
    const added = mine.filter((o) => !o.absent).map((o) => o.hazard);
    const details = mine.map(
      (o): HazardDetail => ({
        type: o.hazard,
        reason: observedReason(o),
        source: 'observed',
        ...(o.absent ? { absent: true } : {}),
      }),
    );
    const declared = (s.hazardDetails ?? []).filter((d) => !gone.has(d.type));
    return {
      ...s,
      hazards: [...new Set([...s.hazards.filter((h) => !gone.has(h)), ...added])].sort(),
      hazardDetails: [...declared, ...details],
    };
  });

/** The locks the proof saw each step take. */
const withLocks = (steps: readonly PlanStep[], locks: ReadonlyMap<number, string[]>) =>
  steps.map((s, i) => {
    const mine = locks.get(i + 1);
    return mine ? { ...s, locks: mine } : s;
  });

/** The hash of a model built on the dev database from `current`, looking past what `current` holds unfinished (an
 * index a cut-off build left INVALID is built whole there, and the up steps rebuild it) as its own hash does. */
function settledHash(current: Model, built: Model): string {
  const cut = new Set(current.objects.filter((o) => o.incomplete).map((o) => o.id));
  return schemaHash(cut.size ? { objects: built.objects.filter((o) => !cut.has(o.id)) } : built);
}

/** A second session that watches the statements outside a transaction, where the dev database has one. */
async function openLockWatch(i: ProveInput): Promise<LockWatch | undefined> {
  if (!i.dev.second || ![...i.plan.steps, ...i.plan.down].some((s) => s.nonTransactional)) return undefined;
  const [me] = await i.dev.db.query<{ pid: number }>('SELECT pg_catalog.pg_backend_pid() AS pid');
  return me ? lockWatch(await i.dev.second(), me.pid) : undefined;
}

export async function provePlan(i: ProveInput): Promise<ProofResult> {
  const started = performance.now();
  let result: Omit<ProofResult, 'durationMs'>;
  try {
    result = await proveOnce(i, true);
  } catch (err) {
    if (!(err instanceof RowsRefused)) throw err;
    const again = await proveOnce(i, false);
    const f = err.failure;
    const observed: ObservedHazard = { direction: f.direction, step: f.step, hazard: 'CORRECTNESS', table: '' };
    const flag = (steps: readonly PlanStep[], direction: 'up' | 'down') =>
      f.direction === direction ? withHazards(steps, [observed]) : steps;
    result = {
      ...again,
      refusedRows: f,
      steps: flag(again.steps, 'up'),
      down: flag(again.down, 'down'),
      observed: [...again.observed, observed],
    };
  }
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

/** Builds the current state on the dev database (which may start it anew: the watch opens after), then proves. */
async function proveOnce(i: ProveInput, withRows: boolean): Promise<Omit<ProofResult, 'durationMs'>> {
  let base: Model;
  try {
    base = await buildCurrent(i);
  } catch (err) {
    fail(`the current state could not be built on the dev database: ${messageOf(err)}`, err);
  }
  if (settledHash(i.current, base) !== i.plan.fromHash) {
    fail(
      `the current state built on the dev database differs from the one planned from:\n    ` +
        `${describeDrift(driftBetween(i.current, base)).join('\n    ')}`,
    );
  }
  const watch = await openLockWatch(i);
  try {
    return await proveBuilt(i, withRows, base, watch);
  } finally {
    await watch?.close();
  }
}

async function proveBuilt(
  i: ProveInput,
  withRows: boolean,
  base: Model,
  watch: LockWatch | undefined,
): Promise<Omit<ProofResult, 'durationMs'>> {
  const db = i.dev.db;
  const baseFacts = await readFacts(db, i.scope);
  const all = await readTables(db, i.scope);
  const tables = all.filter((t) => !t.partitioned);
  const sampling = withRows ? await fillTables(db, all, i.future) : { filled: [], skipped: [] };

  // Kept: a table the desired state has, and its columns there with the same type.
  const kept: Compared[] = [];
  const keptAfter: Compared[] = [];
  for (const t of tables) {
    const to = renamed(t, i.renames);
    // Generated columns follow their expression, which the plan may change; a declared conversion rewrites values.
    const rewritten = new Set(i.plan.rewrites ?? []);
    const cols = t.columns.filter((c) => {
      const next = i.future.get(`${t.schema}.${to.name}.${to.column(c.name)}`);
      const rewrites = rewritten.has(columnKey(t.schema, to.name, to.column(c.name)));
      return next?.type === c.type && !next.generated && !c.generated && !rewrites;
    });
    if (!t.columns.some((c) => i.future.has(`${t.schema}.${to.name}.${to.column(c.name)}`))) continue;
    const key = `${t.schema}.${t.name}`;
    kept.push({ key, schema: t.schema, name: t.name, columns: cols.map((c) => c.name) });
    keptAfter.push({ key, schema: t.schema, name: to.name, columns: cols.map((c) => to.column(c.name)) });
  }
  const whole = tables.map((t) => ({
    key: `${t.schema}.${t.name}`,
    schema: t.schema,
    name: t.name,
    columns: t.columns.map((c) => c.name),
  }));
  const keptBefore = await readDigests(db, kept);
  const wholeBefore = await readDigests(db, whole);
  const rows = new Map([...wholeBefore].map(([k, d]) => [k, d.rows]));

  const sections = migrationSections(i.plan);
  const { observed: upSeen, locks: upLocks } = await runSteps(db, i.plan.steps, sections.up, 'up', rows, watch);
  const afterUp = await introspect(db, i.scope);
  if (schemaHash(afterUp) !== i.plan.toHash) {
    fail(
      `after the up steps, the dev database is not the desired state:\n    ` +
        `${describeDrift(driftBetween(i.desired, afterUp)).join('\n    ')}`,
    );
  }
  if (i.facts)
    sameFacts(i.facts, await readFacts(db, i.scope), 'after the up steps, the dev database is not the desired state');
  const filledAfter = new Set(
    sampling.filled.map((k) => {
      const t = tables.find((x) => `${x.schema}.${x.name}` === k);
      return t ? `${t.schema}.${renamed(t, i.renames).name}` : k;
    }),
  );
  // The catalog is the desired state's now (the hashes and facts agree), and the starting state's after the down.
  const upWrites = await checkWrites(db, i.scope, i.tables ?? (await readTables(db, i.scope)), filledAfter);
  if (upWrites.broken.length) await writesBroken(i, withRows, 'up', upWrites.broken);
  // Rows that a plan meant to keep are gone or changed: a table's own step that did not say so gets DELETES_DATA (a
  // column it inherited dropped with its parent's); with no such step, the plan is wrong.
  const declared = new Set(i.plan.steps.filter((s) => s.hazards.includes('DELETES_DATA')).map((s) => s.id));
  const tableOf = new Map(kept.map((k) => [k.key, tableId(k.schema, k.name)]));
  const changed = differences('before the up steps', keptBefore, await readDigests(db, keptAfter)).filter(
    (d) => !declared.has(tableOf.get(d.key) ?? ''),
  );
  for (const d of changed) {
    const own = i.plan.steps.findIndex((s) => s.id === tableOf.get(d.key));
    if (own < 0) fail(`the up steps change rows the plan keeps:\n    ${changed.map((x) => x.text).join('\n    ')}`);
    upSeen.push({ direction: 'up', step: own + 1, hazard: 'DELETES_DATA', table: d.key });
  }

  const steps = withLocks(withHazards(i.plan.steps, upSeen), upLocks);
  const { observed: downSeen, locks: downLocks } = await runSteps(
    db,
    i.plan.down,
    sections.down,
    'down',
    new Map(rows),
    watch,
  );
  const afterDown = await introspect(db, i.scope);
  if (settledHash(i.current, afterDown) !== i.plan.fromHash) {
    fail(
      `after the down steps, the dev database is not the state the plan started from:\n    ` +
        `${describeDrift(driftBetween(base, afterDown)).join('\n    ')}`,
    );
  }
  sameFacts(
    baseFacts,
    await readFacts(db, i.scope),
    'after the down steps, the dev database is not the state the plan started from',
  );
  const downWrites = await checkWrites(db, i.scope, all, new Set(sampling.filled));
  if (downWrites.broken.length) await writesBroken(i, withRows, 'down', downWrites.broken);
  // The down gives rows back except where an up step says it deletes them.
  const lost = new Set(steps.filter((s) => s.hazards.includes('DELETES_DATA')).map((s) => s.id));
  const gone = new Set(upSeen.filter((o) => o.hazard === 'DELETES_DATA').map((o) => o.table));
  const back = whole.filter((t) => !lost.has(tableId(t.schema, t.name)) && !gone.has(t.key));
  const notBack = differences(
    'before the up steps',
    new Map([...wholeBefore].filter(([k]) => back.some((b) => b.key === k))),
    await readDigests(db, back),
  );
  if (notBack.length)
    fail(`the down steps do not give the rows back:\n    ${notBack.map((x) => x.text).join('\n    ')}`);

  if (sections.expand && sections.downExpanded) {
    await proveExpandedWayBack(i, sections.expand, sections.downExpanded);
    const again = differences(
      'before the up steps',
      new Map([...wholeBefore].filter(([k]) => back.some((b) => b.key === k))),
      await readDigests(db, back),
    );
    if (again.length)
      fail(`the expand and its way back do not give the rows back:\n    ${again.map((x) => x.text).join('\n    ')}`);
  }
  const notWritten = [...upWrites.notWritten, ...downWrites.notWritten];
  return {
    sampling,
    notWritten,
    observed: [...upSeen, ...downSeen],
    steps,
    down: withLocks(withHazards(i.plan.down, downSeen), downLocks),
    ...(i.plan.downExpanded ? { downExpanded: i.plan.downExpanded } : {}),
    reached: afterUp,
  };
}

/** An online plan, expanded (with its backfill) and then taken back by its down-expanded section, is where it began. */
async function proveExpandedWayBack(i: ProveInput, expand: SectionSource, back: SectionSource): Promise<void> {
  const db = i.dev.db;
  for (const [what, section] of [
    ['expand', expand],
    ['down-expanded', back],
  ] as const) {
    try {
      await rehearseSection(db, section);
    } catch (err) {
      fail(`the ${what} section failed: ${messageOf(err)}`, err);
    }
  }
  const after = await introspect(db, i.scope);
  if (settledHash(i.current, after) !== i.plan.fromHash) {
    fail(
      `after the expand and its down-expanded section, the dev database is not the state the plan started from:\n    ` +
        `${describeDrift(driftBetween(i.current, after)).join('\n    ')}`,
    );
  }
}

function sameFacts(expected: Facts, actual: Facts, what: string): void {
  const differ = factDifferences(expected, actual);
  if (differ.length) fail(`${what}, in what the catalog says beside the model:\n    ${differ.join('\n    ')}`);
}

/**
 * The application could not write after a section: the proof is run again from the start, checking the tables
 * that broke after every step, to name the step that broke them; then it fails with PostgreSQL's words.
 */
async function writesBroken(
  i: ProveInput,
  withRows: boolean,
  direction: 'up' | 'down',
  broken: readonly WriteProblem[],
): Promise<never> {
  const what = broken.map((b) => `${b.table}: ${b.message}`).join('\n    ');
  // The broken tables under both names, for the steps before and after a rename.
  const names = new Set(
    broken.flatMap((b) => [
      b.table,
      ...i.renames
        .filter((r) => r.kind !== 'column')
        .flatMap((r) =>
          b.table === `${r.schema}.${r.from}`
            ? [`${r.schema}.${r.to}`]
            : b.table === `${r.schema}.${r.to}`
              ? [`${r.schema}.${r.from}`]
              : [],
        ),
    ]),
  );
  const step = await stepThatBreaks(i, withRows, direction, names);
  const where = step ? `${direction} step ${step.n} (${step.step.op} ${step.step.id})` : `the ${direction} steps`;
  const sql = step ? `\n    ${step.step.statements.join(';\n    ')}` : '';
  fail(`after ${where}, the application can no longer write a new row:\n    ${what}${sql}`, undefined, step?.n);
}

async function stepThatBreaks(
  i: ProveInput,
  withRows: boolean,
  direction: 'up' | 'down',
  names: ReadonlySet<string>,
): Promise<{ n: number; step: PlanStep } | undefined> {
  const db = i.dev.db;
  try {
    await buildCurrent(i);
    if (withRows) await fillTables(db, await readTables(db, i.scope), i.future);
    const breaks = async () => (await checkWrites(db, i.scope, await readTables(db, i.scope), names)).broken.length > 0;
    if (direction === 'down') await rehearseSection(db, migrationSections(i.plan).up);
    const steps = direction === 'up' ? i.plan.steps : i.plan.down;
    const n = await rehearseStepByStep(db, steps, breaks);
    if (n !== undefined) return { n, step: steps[n - 1] as PlanStep };
  } catch {
    // The steps ran through once already; a second run that fails names no step, and the first failure stands.
  }
  return undefined;
}
