// What every dev-database provider hands back.
import type { Queryable } from '../db/queryable.js';

export interface DevDatabase {
  readonly db: Queryable;
  readonly description: string;
  /** Back to an empty database. */
  reset(): Promise<void>;
  dispose(): Promise<void>;
}
