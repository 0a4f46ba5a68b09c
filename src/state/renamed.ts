// The current state with the declared renames done, read back from the dev database: the state the rest of a
// plan with renames starts from.
import type { Model } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import type { Rename } from '../model/rename.js';
import { renameSql } from '../plan/renames.js';
import { materialize } from './materialize.js';
import { introspect } from '../introspect/introspect.js';

/** `current` is built on the dev database from its own model, then renamed. */
export async function renamedState(
  dev: DevDatabase,
  current: Model,
  renames: readonly Rename[],
  scope: Scope,
): Promise<Model> {
  await materialize(dev, current, 'renames');
  for (const r of renames) await dev.db.exec(renameSql(r));
  return introspect(dev.db, scope);
}
