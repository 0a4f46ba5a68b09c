// The workflows: one function per user task, typed options in, typed results out; none prints or exits.
export { ALL_SCHEMAS } from '../model/scope.js';
export { type DevSpec } from '../dev-db/open.js';
export { readState, parseSource, type StateSource, type ReadStateOptions } from '../state/sources.js';
export {
  planMigration,
  type PlanOptions,
  type PlanSources,
  type PlanOutput,
  type PlanResult,
  type PlanTimings,
  type DropMode,
} from './plan.js';
export {
  applyMigrations,
  rollback,
  restoreBackup,
  type ApplyOptions,
  type ApplyTarget,
  type ApplySafety,
  type ApplyRunning,
  type ApplyRange,
  type ApplyResult,
  type RollbackOptions,
  type RollbackRange,
  type RollbackResult,
  type AppliedMigration,
} from './apply.js';
export { tableStats, type StatsOptions } from './stats.js';
export { status, type StatusOptions, type StatusResult, type StatusRow } from './status.js';
export { diff, type DiffOptions, type DiffResult } from './diff.js';
export { inspect, renderModel, type InspectOptions, type InspectResult, type InspectFormat } from './inspect.js';
export { verify, type VerifyOptions, type VerifyReport, type VerifyResult } from './verify.js';
export { createMigration, rehashMigrations, lint, type LintReport, type LintFinding } from './files.js';
export { init, type InitResult } from './init.js';
export { baseline, resolve, type BaselineOptions, type BaselineResult, type ResolveOptions } from './adopt.js';
export { squash, type SquashOptions, type SquashResult } from './squash.js';
export { purge, DEFAULT_PURGE_AGE_MS, type PurgeOptions, type PurgeResult } from './purge.js';
export { erd, renderErd, type ErdOptions, type ErdResult, type ErdFormat } from './erd.js';
export { planReport, type ReportFormat } from './report.js';
export {
  applyFleet,
  statusFleet,
  resolveTargets,
  type FleetOptions,
  type FleetTarget,
  type FleetApplyResult,
  type FleetStatusTarget,
} from './fleet.js';
