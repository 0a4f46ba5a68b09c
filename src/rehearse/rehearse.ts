// The proof rehearses the migration text itself: the plan rendered as the file `plan` writes, parsed back and cut
// into segments as `apply` parses and cuts it, run by the same executor (exec/segments.ts), so that transaction
// boundaries, no-transaction steps and settings are those of production. Each step's statements are found by the
// `-- step N:` line above them; the caller looks at the database after each step, inside its transaction.
import type { Queryable } from '../db/queryable.js';
import { messageOf } from '../errors.js';
import { NO_PROGRESS, runSegments } from '../exec/segments.js';
import { DEFAULT_RUN, type RunSettings } from '../exec/settings.js';
import { parseMigration, renderMigration, splitContract } from '../migrations/format.js';
import { segmentsOf, type SectionSource } from '../migrations/segments.js';
import type { Plan, PlanStep } from '../plan/types.js';
import type { LockWatch } from './lock-watch.js';

/** On the dev database nothing else holds locks: a lock timeout is a failure, not a wait. */
const REHEARSAL: RunSettings = { ...DEFAULT_RUN, lockRetries: 0 };

/** The up and down sections of the migration text that `plan` would write for these steps. */
export function migrationSections(plan: Pick<Plan, 'fromHash' | 'toHash' | 'steps' | 'down' | 'downExpanded'>): {
  up: SectionSource;
  down: SectionSource;
  /** Online plans: the up section as far as the contract, and the way back from there. */
  expand?: SectionSource;
  downExpanded?: SectionSource;
} {
  const file = 'the migration (rehearsed)';
  const text = renderMigration(
    { from: plan.fromHash, to: plan.toHash, hazards: [], downHazards: [] },
    plan.steps,
    plan.down,
    plan.downExpanded,
  );
  const m = parseMigration(file, text);
  const cut = splitContract(m.up);
  return {
    up: { file, sql: m.up },
    down: { file, sql: m.down },
    ...(cut.contract !== undefined && m.downExpanded !== undefined
      ? { expand: { file, sql: cut.expand }, downExpanded: { file, sql: m.downExpanded } }
      : {}),
  };
}

/** A step the server refused: its 1-based number in the section (0 before any step line), PostgreSQL's error, and
 * the executor's error that places the statement in its file. */
export class StepFailed extends Error {
  constructor(
    readonly step: number,
    readonly error: unknown,
    readonly located: unknown,
  ) {
    super(messageOf(error), { cause: located });
  }
}

/** The 1-based step of each offset of a section, from its `-- step N:` lines. */
function stepFinder(sql: string): (offset: number) => number {
  const starts = [...sql.matchAll(/^-- step \d+:/gm)].map((m) => m.index);
  return (offset) => starts.filter((s) => s <= offset).length;
}

/** The server's own error below the executor's located one (the proof reports PostgreSQL's words and the step). */
const serverError = (err: unknown): unknown => (err instanceof Error && err.cause !== undefined ? err.cause : err);

/** Runs a section; `afterStep(n, watched)` is called after the last statement of step n, in its transaction, with
 * the locks `watch` saw the step's statements outside a transaction hold while they ran. */
export async function rehearseSection(
  db: Queryable,
  src: SectionSource,
  afterStep: (step: number, watched: readonly string[]) => Promise<void> = async () => {},
  watch?: LockWatch,
): Promise<void> {
  const segments = await segmentsOf(src);
  const stepOf = stepFinder(src.sql);
  const last = new Map<number, number>();
  for (const seg of segments) for (const stmt of seg.statements) last.set(stepOf(stmt.offset), stmt.n);
  const outside = new Set(segments.flatMap((seg) => (seg.transactional ? [] : seg.statements.map((s) => s.n))));
  let step = 0;
  let own: unknown;
  const watched = new Set<string>();
  try {
    await runSegments(
      db,
      src,
      REHEARSAL,
      NO_PROGRESS,
      {
        beforeStatement: async (stmt) => {
          step = stepOf(stmt.offset);
          if (watch && outside.has(stmt.n)) await watch.start(stmt);
        },
        afterStatement: async (stmt) => {
          if (watch && outside.has(stmt.n)) for (const l of await watch.stop()) watched.add(l);
          if (last.get(step) !== stmt.n) return;
          const seen = [...watched];
          watched.clear();
          try {
            await afterStep(step, seen);
          } catch (err) {
            own = err;
            throw err;
          }
        },
      },
      segments,
    );
  } catch (err) {
    if (err === own) throw err;
    throw new StepFailed(step, serverError(err), err);
  } finally {
    await watch?.stop();
  }
}

/** Runs steps one at a time, each as a section of its own; `after(n)` is called between them, outside any
 * transaction (to look at the database as an application would). */
export async function rehearseStepByStep(
  db: Queryable,
  steps: readonly PlanStep[],
  after: (step: number) => Promise<boolean>,
): Promise<number | undefined> {
  for (const [n, step] of steps.entries()) {
    await rehearseSection(db, migrationSections({ fromHash: '', toHash: '', steps: [step], down: [] }).up);
    if (await after(n + 1)) return n + 1;
  }
  return undefined;
}
