// What every dev-database provider hands back.
import type { Queryable } from '../db/queryable.js';

export interface DevDatabase {
  readonly db: Queryable;
  readonly description: string;
  /** Back to an empty database. */
  reset(): Promise<void>;
  /** Creates roles the loaded SQL names as bare stubs (NOLOGIN, no attributes, no memberships) where the dev database
   * is private to this process (PGlite has only its own roles); absent where roles belong to a shared server. */
  addRoles?(names: readonly string[]): Promise<void>;
  /** Another session of the same database, for the caller to close (to watch the first one's locks); absent where
   * there is only one (PGlite). */
  second?(): Promise<Queryable>;
  dispose(): Promise<void>;
}
