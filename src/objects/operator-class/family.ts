// Operator families (CREATE OPERATOR FAMILY) and their loose members (ALTER OPERATOR FAMILY … ADD): members are
// added and dropped in place; another index method re-creates the family with its classes and what uses them.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { opFamilyId, schemaId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';
import { type Member, memberKeySql, memberSql, membersOf, readMembers } from './members.js';

export interface OpFamilyObject extends DbObject {
  readonly kind: 'opfamily';
  readonly schema: string;
  /** The index method (btree, hash, gist, …). */
  readonly method: string;
  /** Members added to the family itself, not through one of its classes. */
  readonly members: readonly Member[];
  readonly dependsOn: readonly ObjectId[];
}

const QUERY = `
SELECT n.nspname AS schema, f.opfname AS name, am.amname AS method, f.oid::text AS oid
FROM pg_catalog.pg_opfamily f
JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace
JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_opfamily', 'f.oid')}`;

const familySql = (f: Pick<OpFamilyObject, 'schema' | 'name' | 'method'>) =>
  `${qualify(f.schema, f.name)} USING ${quoteIdent(f.method)}`;

const key = (m: Member) => memberKeySql(m);

/** ADD and DROP statements taking the family's loose members from `from` to `to`. */
function memberChanges(f: OpFamilyObject, from: readonly Member[], to: readonly Member[]): string[] {
  const before = new Map(from.map((m) => [key(m), m]));
  const after = new Map(to.map((m) => [key(m), m]));
  const drops = [...before].filter(([k, m]) => !sameData(after.get(k), m)).map(([k]) => k);
  const adds = [...after].filter(([k, m]) => !sameData(before.get(k), m)).map(([, m]) => memberSql(m));
  return [
    ...(drops.length ? [`ALTER OPERATOR FAMILY ${familySql(f)} DROP ${drops.join(', ')}`] : []),
    ...(adds.length ? [`ALTER OPERATOR FAMILY ${familySql(f)} ADD ${adds.join(', ')}`] : []),
  ];
}

export const opFamilyKind: ObjectKind<OpFamilyObject> = {
  kind: 'opfamily',
  covers: ['operator family'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{ schema: string; name: string; method: string; oid: string }>(
      QUERY,
      scopeParams(scope),
    );
    if (rows.length === 0) return [];
    const all = await readMembers(db);
    return rows.map(({ oid, ...r }) => {
      const id = opFamilyId(r.schema, r.name, r.method);
      const { members, uses } = membersOf(all.get(`opfamily:${oid}`) ?? [], refs, id);
      return {
        kind: 'opfamily',
        id,
        ...r,
        members,
        dependsOn: [...new Set([...refs.dependsOn([['pg_opfamily', oid]], id), ...uses])].sort(),
      };
    });
  },
  dependencies: (f) => [schemaId(f.schema), ...f.dependsOn],
  compare(from, to) {
    if (from.method !== to.method) return 'recreate';
    if (sameData(from.members, to.members)) return [];
    return [alterChange(from, to, { type: 'members' }, { after: to.dependsOn, before: from.dependsOn })];
  },
  render(change) {
    const f = changedObject(change);
    if (change.op === 'drop') return rendered([`DROP OPERATOR FAMILY ${familySql(f)}`]);
    if (change.op === 'alter') return rendered(memberChanges(f, change.from.members, f.members));
    return rendered([`CREATE OPERATOR FAMILY ${familySql(f)}`, ...memberChanges(f, [], f.members)]);
  },
  describe: () => 'members',
};
