// Foreign-data wrappers (CREATE FOREIGN DATA WRAPPER): database-wide. A new handler or validator re-creates the
// wrapper with its servers and foreign tables (they hold no local data); options change in place.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { quoteIdent } from '../../sql/quote.js';
import { notFromExtension } from '../shared/scope.js';
import { wrapperId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { optionsChange, optionsClause } from './options.js';

export interface WrapperObject extends DbObject {
  readonly kind: 'fdw';
  /** Qualified function names (regproc), or null. */
  readonly handler: string | null;
  readonly validator: string | null;
  readonly options: readonly string[];
  readonly dependsOn: readonly ObjectId[];
}

// The search_path is empty (introspect.ts): regproc qualifies every name outside pg_catalog.
const QUERY = `
SELECT w.fdwname AS name, CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END AS handler,
  CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END AS validator,
  coalesce(w.fdwoptions, '{}') AS options, w.oid::text AS oid
FROM pg_catalog.pg_foreign_data_wrapper w WHERE ${notFromExtension('pg_foreign_data_wrapper', 'w.oid')}`;

export const wrapperKind: ObjectKind<WrapperObject> = {
  kind: 'fdw',
  covers: ['foreign-data wrapper'],
  async introspect(db, _scope, refs) {
    const rows = await db.query<{
      name: string;
      handler: string | null;
      validator: string | null;
      options: string[];
      oid: string;
    }>(QUERY);
    return rows.map(({ oid, ...r }) => {
      const id = wrapperId(r.name);
      return { kind: 'fdw', id, ...r, dependsOn: refs.dependsOn([['pg_foreign_data_wrapper', oid]], id) };
    });
  },
  dependencies: (w) => [...w.dependsOn],
  compare(from, to) {
    if (from.handler !== to.handler || from.validator !== to.validator) return 'recreate';
    if (sameData(from.options, to.options)) return [];
    return [alterChange(from, to, { type: 'options' }, { after: [], before: [] })];
  },
  render(change) {
    const w = changedObject(change);
    const name = quoteIdent(w.name);
    if (change.op === 'drop') return rendered([`DROP FOREIGN DATA WRAPPER ${name}`]);
    if (change.op === 'alter')
      return rendered([`ALTER FOREIGN DATA WRAPPER ${name}${optionsChange(change.from.options, w.options)}`]);
    const handler = w.handler ? ` HANDLER ${w.handler}` : '';
    const validator = w.validator ? ` VALIDATOR ${w.validator}` : '';
    return rendered([`CREATE FOREIGN DATA WRAPPER ${name}${handler}${validator}${optionsClause(w.options)}`]);
  },
};
