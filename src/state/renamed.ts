// The current state with the declared renames done, read back from the dev database: the state the rest of a
// plan with renames starts from.
import type { Model } from '../model/model.js';
import { emptyModel } from '../model/model.js';
import type { Scope } from '../model/scope.js';
import type { DevDatabase } from '../dev-db/dev-db.js';
import type { Rename } from '../model/rename.js';
import { plan } from '../plan/plan.js';
import { renameSql } from '../plan/renames.js';
import { addNamedRoles, execSection } from './history-state.js';
import { introspect } from '../introspect/introspect.js';

/** `current` is built on the dev database from its own model, then renamed. */
export async function renamedState(
  dev: DevDatabase,
  current: Model,
  renames: readonly Rename[],
  scope: Scope,
): Promise<Model> {
  await dev.reset();
  const build = plan(emptyModel(), current)
    .steps.flatMap((s) => s.statements.map((x) => `${x};`))
    .join('\n');
  const section = { file: 'the current state (rebuilt for renames)', sql: build };
  await addNamedRoles(dev, [section]);
  await execSection(dev.db, section, 'rebuilding the current state failed');
  for (const r of renames) await dev.db.exec(renameSql(r));
  return introspect(dev.db, scope);
}
