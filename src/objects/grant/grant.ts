// Privileges: one object per (securable, grantee), holding its privileges and which of them carry WITH GRANT
// OPTION. Read from the ACL columns with the built-in defaults filled in (a NULL ACL means the defaults), so
// revoking a default (EXECUTE from PUBLIC on a function) is a difference too. The owner's own rights are implied.
import { grantId } from '../shared/ids.js';
import type { ObjectKind, Rendered } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { scopeParams } from '../shared/scope.js';
import { rendered } from '../shared/simple.js';
import { alterChange, createChange } from '../shared/change.js';
import { GRANT_QUERY, type GrantRow } from './grant-query.js';

export interface GrantObject extends DbObject {
  readonly kind: 'grant';
  /** The securable: `table:s.t`, `function:s.f(int)`, `schema:s`, … */
  readonly target: ObjectId;
  readonly objectType: 'TABLE' | 'SEQUENCE' | 'FUNCTION' | 'PROCEDURE' | 'SCHEMA' | 'TYPE';
  readonly schema?: string;
  readonly objectName: string;
  readonly args: string | null;
  readonly column: string | null;
  readonly grantee: string;
  /** Sorted; `SELECT*` = with grant option. */
  readonly privileges: readonly string[];
}

function on(g: GrantObject): string {
  const name = g.objectType === 'SCHEMA' ? quoteIdent(g.objectName) : qualify(g.schema, g.objectName);
  return `${g.objectType} ${name}${g.args !== null ? `(${g.args})` : ''}`;
}

const grantee = (g: GrantObject) => (g.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(g.grantee));
const plain = (p: string) => p.replace(/\*$/, '');
const cols = (g: GrantObject) => (g.column !== null ? ` (${quoteIdent(g.column)})` : '');

function grantStatements(g: GrantObject, privileges: readonly string[]): string[] {
  const out: string[] = [];
  const normal = privileges.filter((p) => !p.endsWith('*')).map(plain);
  const withOption = privileges.filter((p) => p.endsWith('*')).map(plain);
  if (normal.length) out.push(`GRANT ${normal.map((p) => `${p}${cols(g)}`).join(', ')} ON ${on(g)} TO ${grantee(g)}`);
  if (withOption.length)
    out.push(
      `GRANT ${withOption.map((p) => `${p}${cols(g)}`).join(', ')} ON ${on(g)} TO ${grantee(g)} WITH GRANT OPTION`,
    );
  return out;
}

function revokeStatements(g: GrantObject, privileges: readonly string[], optionOnly = false): string[] {
  if (!privileges.length) return [];
  const list = privileges.map((p) => `${plain(p)}${cols(g)}`).join(', ');
  return [
    `REVOKE ${optionOnly ? 'GRANT OPTION FOR ' : ''}${list} ON ${on(g)} FROM ${grantee(g)}${optionOnly ? '' : ' CASCADE'}`,
  ];
}

function renderAlter(from: GrantObject, to: GrantObject): Rendered {
  const fromPlain = new Map(from.privileges.map((p) => [plain(p), p.endsWith('*')]));
  const toPlain = new Map(to.privileges.map((p) => [plain(p), p.endsWith('*')]));
  const removed = [...fromPlain.keys()].filter((p) => !toPlain.has(p));
  const optionLost = [...fromPlain].filter(([p, opt]) => opt && toPlain.get(p) === false).map(([p]) => p);
  const added = to.privileges.filter((p) =>
    fromPlain.get(plain(p)) !== undefined ? p.endsWith('*') && !fromPlain.get(plain(p)) : true,
  );
  return rendered([
    ...revokeStatements(to, removed),
    ...revokeStatements(to, optionLost, true),
    ...grantStatements(to, added),
  ]);
}

/** What PostgreSQL grants by itself when the object is created: nothing to write for it. */
function isBuiltInDefault(g: GrantObject): boolean {
  if (g.grantee !== 'PUBLIC' || g.column !== null) return false;
  const p = g.privileges.join();
  return (
    ((g.objectType === 'FUNCTION' || g.objectType === 'PROCEDURE') && p === 'EXECUTE') ||
    (g.objectType === 'TYPE' && p === 'USAGE')
  );
}

export const grantKind: ObjectKind<GrantObject> = {
  kind: 'grant',
  async introspect(db, scope) {
    const rows = await db.query<GrantRow>(GRANT_QUERY, scopeParams(scope));
    return rows.map((r) => ({
      kind: 'grant',
      id: grantId(r.target, r.column, r.grantee),
      name: r.grantee,
      target: r.target,
      objectType: r.object_type,
      ...(r.schema !== null ? { schema: r.schema } : {}),
      objectName: r.object_name,
      args: r.args,
      column: r.column,
      grantee: r.grantee,
      privileges: [...r.privileges].sort(),
    }));
  },
  dependencies: (g) => [g.target],
  creates(g, ctx) {
    const newTarget = !ctx.fromById.has(g.target) || ctx.recreated.has(g.target);
    if (newTarget ? isBuiltInDefault(g) : g.privileges.length === 0) return [];
    return [createChange(g, [g.target])];
  },
  parent: (g) => g.target,
  compare(from, to) {
    if (from.privileges.join() === to.privileges.join()) return [];
    return [alterChange(from, to, { type: 'privileges' }, { after: [to.target], before: [] })];
  },
  render(change) {
    if (change.op === 'create') {
      const g = change.object;
      // No rights at all for PUBLIC on a new function or type: take back what PostgreSQL granted by default.
      if (g.privileges.length === 0)
        return rendered(revokeStatements(g, [g.objectType === 'TYPE' ? 'USAGE' : 'EXECUTE']));
      return rendered(grantStatements(g, g.privileges));
    }
    if (change.op === 'drop') return rendered(revokeStatements(change.object, change.object.privileges));
    return renderAlter(change.from, change.to);
  },
};
