// A model built on an emptied dev database from its own plan from nothing (the proof's current state, the state
// with declared renames done): the five places that once rebuilt a model each their own way use this one.
import type { DevDatabase } from '../dev-db/types.js';
import { emptyModel, type Model } from '../model/model.js';
import { plan } from '../plan/plan.js';
import { addNamedRoles, execSection } from './history-state.js';

export async function materialize(dev: DevDatabase, model: Model, what: string): Promise<void> {
  await dev.reset();
  const section = {
    file: `the current state (rebuilt for ${what})`,
    sql: plan(emptyModel(), model)
      .steps.flatMap((s) => s.statements.map((x) => `${x};`))
      .join('\n'),
  };
  await addNamedRoles(dev, [section]);
  await execSection(dev.db, section, 'rebuilding the current state failed');
}
