// sfm-schema's public API: the workflows (typed options in, typed results out; none prints or exits), the model
// and change types they speak, and the error classes they throw.
export * from './workflows/index.js';
export type { Model, DbObject, ObjectId } from './model/model.js';
export type { Rename } from './model/rename.js';
export type { Conversion } from './model/conversion.js';
export type { Archive } from './apply/archives.js';
export type {
  Change,
  CreateObject,
  DropObject,
  AlterObject,
  ObjectKind,
  Rendered,
} from './objects/kind.js';
export type { Hazard } from './model/hazard.js';
export type { Scope } from './model/scope.js';
export { ALL_HAZARDS } from './model/hazard.js';
export type { Plan, PlanStep } from './plan/types.js';
export type { DevDatabase } from './dev-db/types.js';
export type { DriftItem } from './apply/drift.js';
export type { RunSettings, RunEvent } from './exec/settings.js';
export {
  SfmError,
  LocatedError,
  PlanError,
  MigrationError,
  IntegrityError,
  HazardError,
  LockError,
  ConfigError,
  ConnectionError,
  DevDatabaseError,
  type ErrorDetails,
  type SourceLocation,
} from './errors.js';
export { BackupError } from './backup/backup.js';
