// The plan workflow's options and result.
import type { Model } from '../model/model.js';
import type { Hazard } from '../model/hazard.js';
import type { Scope } from '../model/scope.js';
import type { PlanStep } from '../plan/plan.js';
import type { DataDependentFailure, ObservedHazard } from '../rehearse/prove.js';
import type { DevSpec } from '../dev-db/open.js';
import type { Limits } from '../impact/limits.js';
import type { Coverage } from '../plan/coverage.js';

/** What a plan compares and where it keeps what it loads. */
export interface PlanSources {
  /** Desired-state file or folder. */
  readonly schema: string;
  /** Migration folder: the history to plan from (without `url`), and where the migration is written. */
  readonly migrationsDir: string;
  /** Plan from this live database instead of the history. */
  readonly url?: string | undefined;
  readonly dev?: DevSpec | undefined;
  readonly scope?: Scope | undefined;
  /** Folder of the cache of loaded states (the CLI's `.sfm-cache`); undefined: no cache. */
  readonly cacheDir?: string | undefined;
  /** Table sizes from a statistics file (`sfm-schema stats`); with `url` and no file, read from the target. */
  readonly stats?: string | undefined;
}

/** What a plan writes, and what it refuses or checks on the way. */
export interface PlanOutput {
  /** Write the migration file (default true); false is a dry run. */
  readonly write?: boolean | undefined;
  /** Name of the migration (slugified). */
  readonly name?: string | undefined;
  /** Plan even when the schema path declares nothing while the current state has data-holding objects. */
  readonly allowEmptySchema?: boolean | undefined;
  /** `archive` (default): dropped tables and columns move to the migration's archive schema, and rollback brings
   * them back; `delete`: they are dropped (DELETES_DATA). */
  readonly drops?: DropMode | undefined;
  /** Prove the plan on the dev database before writing it (default true): see rehearse/prove.ts. */
  readonly prove?: boolean | undefined;
  /** Sizes above which a step is refused (impact/limits.ts), unless `allowOverLimits`. */
  readonly limits?: Limits | undefined;
  readonly allowOverLimits?: boolean | undefined;
  /** Objects of kinds sfm-schema does not manage, on either side, are an error instead of a warning. */
  readonly strictCoverage?: boolean | undefined;
  /** Make breaking changes online (expand, backfill, contract: docs/zero-downtime.md) instead of in place; `auto`:
   * only when the in-place form is over the config's limits (with the target's sizes). */
  readonly online?: boolean | 'auto' | undefined;
}

export type PlanOptions = PlanSources & PlanOutput;

export type DropMode = 'archive' | 'delete';

export interface PlanTimings {
  readonly currentMs: number;
  readonly desiredMs: number;
  readonly planMs: number;
  readonly proofMs: number;
  readonly totalMs: number;
}

export interface PlanResult {
  readonly from: 'database' | 'history';
  readonly fromHash: string;
  readonly toHash: string;
  readonly steps: readonly PlanStep[];
  readonly down: readonly PlanStep[];
  /** An online plan: the changes it makes online, and its way back from the expanded state. */
  readonly online?: readonly string[];
  readonly downExpanded?: readonly PlanStep[];
  /** Beside an online plan, with the target's sizes: what the in-place steps would hold ACCESS EXCLUSIVE for. */
  readonly inPlace?: readonly string[];
  /** `online: auto` chose the online form: the limits the in-place form is over. */
  readonly onlineBecause?: readonly string[];
  readonly hazards: readonly Hazard[];
  readonly downHazards: readonly Hazard[];
  /** Where the desired SQL ran. */
  readonly devDatabase: string;
  /** What each side holds that no kind manages: never planned (`from`: the current state, `to`: the desired one). */
  readonly unmanaged: Coverage;
  /** The file written, when there were steps and `write` was not false. */
  readonly migration?: { readonly path: string; readonly version: string; readonly text: string };
  /** Both states as read: what the plan was made from and what it leads to. */
  readonly models: { readonly current: Model; readonly desired: Model };
  readonly timings: PlanTimings;
  /** The proof, when the plan has steps and proving was not turned off. */
  readonly proof?: ProofSummary;
}

export interface ProofSummary {
  readonly durationMs: number;
  /** Tables that held sample rows, and the ones that could not be filled (named, with why). */
  readonly filled: number;
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
  /** Filled tables the proof could not write one more row into (for reasons of its sample values), with why. */
  readonly notWritten: readonly { readonly table: string; readonly message: string }[];
  /** Hazards the proof saw that the steps had not declared (added to them). */
  readonly observed: readonly ObservedHazard[];
  /** A step refused the sample rows (it fails on rows like them): proven again on empty tables, marked CORRECTNESS. */
  readonly refusedRows?: DataDependentFailure;
}
