// What triggers and rules share: objects on a table or view, with a definition that a change re-creates and a
// state (enabled, disabled, replica, always) that ALTER TABLE … ENABLE/DISABLE sets in place.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { rendered } from './simple.js';
import { alterChange } from './change.js';

export type EnabledState = 'O' | 'D' | 'R' | 'A';

/** The words of ALTER TABLE … and ALTER EVENT TRIGGER … for each state. */
export const ENABLED_STATE: Readonly<Record<EnabledState, string>> = {
  O: 'ENABLE',
  D: 'DISABLE',
  R: 'ENABLE REPLICA',
  A: 'ENABLE ALWAYS',
};

export interface StatedObject extends DbObject {
  readonly schema: string;
  readonly table: string;
  readonly owner: ObjectId;
  readonly definition: string;
  readonly enabled: EnabledState;
  readonly dependsOn: readonly ObjectId[];
  /** Columns it names: PostgreSQL refuses to change their type under it. */
  readonly usesColumns: readonly string[];
}

type Parts<T extends StatedObject> = Pick<
  ObjectKind<T>,
  'dependencies' | 'parent' | 'columnRefs' | 'dependsOnColumnTypes' | 'compare' | 'render'
>;

/** The hooks of a kind of stated objects, `word` being TRIGGER or RULE. */
export function statedKind<T extends StatedObject>(word: 'TRIGGER' | 'RULE'): Parts<T> {
  return {
    dependencies: (o) => [o.owner, ...o.dependsOn],
    parent: (o) => o.owner,
    columnRefs: (o) => [...o.usesColumns],
    dependsOnColumnTypes: true,
    compare(from, to) {
      if (from.definition !== to.definition) return 'recreate';
      if (from.enabled === to.enabled) return [];
      return [alterChange(from, to, { type: 'enabled' }, { after: [], before: [] })];
    },
    render(change) {
      const o = changedObject(change);
      const on = qualify(o.schema, o.table);
      if (change.op === 'drop') return rendered([`DROP ${word} ${quoteIdent(o.name)} ON ${on}`]);
      const state = `ALTER TABLE ${on} ${ENABLED_STATE[o.enabled]} ${word} ${quoteIdent(o.name)}`;
      if (change.op === 'alter') return rendered([state]);
      return rendered(o.enabled === 'O' ? [o.definition] : [o.definition, state]);
    },
  };
}
