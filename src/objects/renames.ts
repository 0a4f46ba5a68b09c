// Declared renames for the stages: tables and columns are the table kind's, so the stages reach them here.
export { identitySequenceRenames, pendingRenames, renameSql, renameStepId } from './table/renames.js';
