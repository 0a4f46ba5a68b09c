// What a plan is: ordered steps, each with its SQL, its reverse and its hazards.
import type { Change, Hazard, Precondition } from '../objects/kind.js';

export interface PlanStep {
  readonly key: string;
  readonly op: Change['op'];
  readonly kind: string;
  readonly id: string;
  readonly statements: readonly string[];
  readonly reverse: readonly string[];
  readonly hazards: readonly Hazard[];
  /** Why the reverse cannot give back everything, when it cannot. */
  readonly irreversible?: string;
  readonly nonTransactional: boolean;
  /** Moves data to or from the migration's archive schema. */
  readonly usesArchive?: boolean;
  /** Checked on the dev database before the plan is written (not part of the migration). */
  readonly checks?: readonly Precondition[];
}

export interface Plan {
  readonly fromHash: string;
  readonly toHash: string;
  readonly steps: readonly PlanStep[];
  /** The plan back from the target state to the source state, in its own order. */
  readonly down: readonly PlanStep[];
}
