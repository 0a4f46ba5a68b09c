// What a plan is: ordered steps, each with its SQL, its reverse and its hazards.
import type { Change, Precondition } from '../objects/kind.js';
import type { Hazard, HazardDetail } from '../model/hazard.js';

export interface PlanStep {
  readonly key: string;
  // 'run': the schema folder's _custom/ scripts, run as written (plan/custom.ts).
  readonly op: Change['op'] | 'run';
  readonly kind: string;
  readonly id: string;
  readonly statements: readonly string[];
  /** The down plan's statements that undo this step (shown beside it; the down plan is what runs). */
  readonly reverse: readonly string[];
  /** The key of the down plan's change that undoes this step's change. */
  readonly undoes?: string;
  readonly hazards: readonly Hazard[];
  /** Each hazard with why it is there and who said so (the planner or the proof). */
  readonly hazardDetails?: readonly HazardDetail[];
  readonly nonTransactional: boolean;
  /** Moves data to or from the migration's archive schema. */
  readonly usesArchive?: boolean;
  /** Checked on the dev database before the plan is written (not part of the migration). */
  readonly checks?: readonly Precondition[];
  /** The relation locks the proof saw the step take (`AccessExclusiveLock on public.t`; reads left out). */
  readonly locks?: readonly string[];
  /** What the step costs on the target, when its sizes are known (impact/cost.ts). */
  readonly cost?: StepCost;
  /** Starts a transaction of its own (format.ts NEW_TRANSACTION). */
  readonly newTransaction?: boolean;
  /** Its one UPDATE runs in key batches, each its own transaction (an online migration's backfill). */
  readonly backfill?: boolean;
  /** Of an online migration's contract: runs only with `apply --contract`, after the new application is out. */
  readonly phase?: 'contract';
}

/** The work a step does on a table of the target, its size there, and an estimate of how long it takes. */
export interface StepCost {
  /** `schema.table`. */
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly work: 'rewrite' | 'index' | 'scan';
  /** Reads and writes of the table wait for the whole step (not an online form). */
  readonly blocking: boolean;
  readonly estimateMs: number;
  /** How the estimate was made. */
  readonly basis: string;
}

export interface Plan {
  readonly fromHash: string;
  readonly toHash: string;
  readonly steps: readonly PlanStep[];
  /** The plan back from the target state to the source state, in its own order. */
  readonly down: readonly PlanStep[];
  /** An online plan's way back from its expanded state (the contract not run yet). */
  readonly downExpanded?: readonly PlanStep[];
  /** Columns (`schema.table.column`) whose values the plan rewrites on purpose (a declared conversion of a column
   * whose type stays): the proof does not hold their values to be kept. */
  readonly rewrites?: readonly string[];
}
