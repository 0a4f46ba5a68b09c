// Text search dictionaries (CREATE TEXT SEARCH DICTIONARY): a template and its options. Any change re-creates the
// dictionary (and, through their dependencies, the configurations that map tokens to it): it holds no data.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, tsDictionaryId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';

export interface TsDictionaryObject extends DbObject {
  readonly kind: 'ts_dictionary';
  readonly schema: string;
  readonly template: { readonly schema: string; readonly name: string };
  /** dictinitoption as the server prints it (`language = 'english', stopwords = 'english'`), or null. */
  readonly options: string | null;
  readonly dependsOn: readonly ObjectId[];
}

const QUERY = `
SELECT n.nspname AS schema, d.dictname AS name, tn.nspname AS template_schema, t.tmplname AS template,
  d.dictinitoption AS options, d.oid::text AS oid
FROM pg_catalog.pg_ts_dict d
JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_ts_dict', 'd.oid')}`;

export const tsDictionaryKind: ObjectKind<TsDictionaryObject> = {
  kind: 'ts_dictionary',
  covers: ['text search dictionary'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      schema: string;
      name: string;
      template_schema: string;
      template: string;
      options: string | null;
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = tsDictionaryId(r.schema, r.name);
      return {
        kind: 'ts_dictionary',
        id,
        schema: r.schema,
        name: r.name,
        template: { schema: r.template_schema, name: r.template },
        options: r.options,
        dependsOn: refs.dependsOn([['pg_ts_dict', r.oid]], id),
      };
    });
  },
  dependencies: (d) => [schemaId(d.schema), ...d.dependsOn],
  compare: (from, to) => (sameData([from.template, from.options], [to.template, to.options]) ? [] : 'recreate'),
  render(change) {
    const d = changedObject(change);
    const name = qualify(d.schema, d.name);
    if (change.op === 'drop') return rendered([`DROP TEXT SEARCH DICTIONARY ${name}`]);
    const options = d.options ? `, ${d.options}` : '';
    return rendered([
      `CREATE TEXT SEARCH DICTIONARY ${name} (TEMPLATE = ${qualify(d.template.schema, d.template.name)}${options})`,
    ]);
  },
};
