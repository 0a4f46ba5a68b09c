// Helpers for kinds whose changes are create, drop, or recreate.
import type { Change, DiffContext, Rendered } from '../kind.js';
import type { Hazard } from '../../model/hazard.js';
import type { DbObject } from '../../model/model.js';
import { sameJson } from '../../model/model.js';

export function rendered(statements: string[], hazards: Hazard[] = []): Rendered {
  return { statements, hazards };
}

export function sameData(a: unknown, b: unknown): boolean {
  return sameJson(a, b);
}

export function unexpected(change: Change): never {
  throw new Error(`no renderer for ${change.op} ${change.id}`);
}

/**
 * A relation that exists before the change and after it (not created, dropped or re-created by this plan): where
 * a lock on it stalls traffic, and the zero-downtime forms (CONCURRENTLY, NOT VALID) are worth their extra steps.
 */
export function livesThrough(id: string, ctx: DiffContext): boolean {
  return ctx.fromById.has(id) && ctx.toById.has(id) && !ctx.recreated.has(id);
}

/** A partitioned table: PostgreSQL builds no index CONCURRENTLY and adds no NOT VALID foreign key on one. */
export function isPartitioned(obj: DbObject | undefined): boolean {
  return obj !== undefined && 'partitionKey' in obj && obj.partitionKey !== null && obj.partitionKey !== undefined;
}
