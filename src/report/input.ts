// What a plan report is made from: the plan workflow's result, reduced to plain data.
import type { Model } from '../model/model.js';
import type { Hazard } from '../model/hazard.js';
import type { PlanStep } from '../plan/types.js';

export interface PlanReportInput {
  readonly steps: readonly PlanStep[];
  readonly down: readonly PlanStep[];
  readonly hazards: readonly Hazard[];
  readonly current: Model;
  readonly desired: Model;
  /** The migration file written (its path), and its text. */
  readonly migration?: string | undefined;
  readonly migrationText?: string | undefined;
  readonly proof?:
    | {
        readonly durationMs: number;
        readonly refusedRows?:
          | { readonly direction: 'up' | 'down'; readonly step: number; readonly message: string }
          | undefined;
      }
    | undefined;
}
