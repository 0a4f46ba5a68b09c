// Operator classes (CREATE OPERATOR CLASS): their type, method, family, DEFAULT, STORAGE and members. Any change
// re-creates the class, with the indexes that use it. Dropping its family takes the class along.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { opClassId, opFamilyId, schemaId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { type Member, memberSql, membersOf, readMembers } from './members.js';

export interface OpClassObject extends DbObject {
  readonly kind: 'opclass';
  readonly schema: string;
  readonly method: string;
  /** FOR TYPE, as format_type prints it. */
  readonly type: string;
  readonly isDefault: boolean;
  readonly family: { readonly schema: string; readonly name: string };
  /** STORAGE, or null when it is the type itself. */
  readonly storage: string | null;
  readonly members: readonly Member[];
  readonly dependsOn: readonly ObjectId[];
}

// The search_path is empty (introspect.ts): format_type qualifies every name outside pg_catalog.
const QUERY = `
SELECT n.nspname AS schema, c.opcname AS name, am.amname AS method, pg_catalog.format_type(c.opcintype, NULL) AS type,
  c.opcdefault AS is_default, fn.nspname AS family_schema, f.opfname AS family_name,
  CASE WHEN c.opckeytype <> 0 THEN pg_catalog.format_type(c.opckeytype, NULL) END AS storage, c.oid::text AS oid
FROM pg_catalog.pg_opclass c
JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace
JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_opclass', 'c.oid')}`;

interface Row {
  schema: string;
  name: string;
  method: string;
  type: string;
  is_default: boolean;
  family_schema: string;
  family_name: string;
  storage: string | null;
  oid: string;
}

const classSql = (c: OpClassObject) => `${qualify(c.schema, c.name)} USING ${quoteIdent(c.method)}`;

export const opClassKind: ObjectKind<OpClassObject> = {
  kind: 'opclass',
  covers: ['operator class'],
  async introspect(db, scope, refs) {
    const rows = await db.query<Row>(QUERY, scopeParams(scope));
    if (rows.length === 0) return [];
    const all = await readMembers(db);
    return rows.map((r) => {
      const id = opClassId(r.schema, r.name, r.method);
      const { members, uses } = membersOf(all.get(`opclass:${r.oid}`) ?? [], refs, id);
      return {
        kind: 'opclass',
        id,
        schema: r.schema,
        name: r.name,
        method: r.method,
        type: r.type,
        isDefault: r.is_default,
        family: { schema: r.family_schema, name: r.family_name },
        storage: r.storage,
        members,
        dependsOn: [...new Set([...refs.dependsOn([['pg_opclass', r.oid]], id), ...uses])].sort(),
      };
    });
  },
  dependencies: (c) => [schemaId(c.schema), opFamilyId(c.family.schema, c.family.name, c.method), ...c.dependsOn],
  parent: (c) => opFamilyId(c.family.schema, c.family.name, c.method),
  compare: (from, to) => (sameData(from, to) ? [] : 'recreate'),
  render(change) {
    const c = changedObject(change);
    if (change.op === 'drop') return rendered([`DROP OPERATOR CLASS ${classSql(c)}`]);
    const items = [...c.members.map(memberSql), ...(c.storage ? [`STORAGE ${c.storage}`] : [])];
    return rendered([
      `CREATE OPERATOR CLASS ${qualify(c.schema, c.name)}${c.isDefault ? ' DEFAULT' : ''} FOR TYPE ${c.type} ` +
        `USING ${quoteIdent(c.method)} FAMILY ${qualify(c.family.schema, c.family.name)} AS ${items.join(', ')}`,
    ]);
  },
};
