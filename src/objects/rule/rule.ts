// Rewrite rules (CREATE RULE) on tables and views, other than a view's own _RETURN rule. A changed definition
// re-creates the rule; its state (enabled, disabled, replica, always) is altered in place, as a trigger's.
import { idPartsSql, ruleId } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { rendered } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

export interface RuleObject extends DbObject {
  readonly kind: 'rule';
  readonly schema: string;
  readonly table: string;
  readonly owner: ObjectId;
  /** pg_get_ruledef() without its closing semicolon: `CREATE RULE … AS ON … TO … DO …`, names qualified. */
  readonly definition: string;
  readonly enabled: 'O' | 'D' | 'R' | 'A';
  readonly dependsOn: readonly ObjectId[];
  /** Columns the rule reads or writes: PostgreSQL refuses to change their type under it. */
  readonly usesColumns: readonly string[];
}

const QUERY = `
SELECT n.nspname AS schema, c.relname AS table, r.rulename AS name, pg_catalog.pg_get_ruledef(r.oid) AS definition,
  r.ev_enabled AS enabled, CASE WHEN c.relkind IN ('v', 'm') THEN 'view:' ELSE 'table:' END ||
    ${idPartsSql('n.nspname', 'c.relname')} AS owner,
  r.oid::text AS oid
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

const STATE: Record<RuleObject['enabled'], string> = {
  O: 'ENABLE',
  D: 'DISABLE',
  R: 'ENABLE REPLICA',
  A: 'ENABLE ALWAYS',
};

export const ruleKind: ObjectKind<RuleObject> = {
  kind: 'rule',
  covers: ['rule'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      schema: string;
      table: string;
      name: string;
      definition: string;
      enabled: RuleObject['enabled'];
      owner: string;
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = ruleId(r.schema, r.table, r.name);
      return {
        kind: 'rule',
        id,
        schema: r.schema,
        table: r.table,
        name: r.name,
        owner: r.owner,
        definition: r.definition.trim().replace(/;$/, ''),
        enabled: r.enabled,
        dependsOn: refs.dependsOn([['pg_rewrite', r.oid]], id),
        usesColumns: refs.columnRefs([['pg_rewrite', r.oid]]),
      };
    });
  },
  dependencies: (r) => [r.owner, ...r.dependsOn],
  parent: (r) => r.owner,
  columnRefs: (r) => [...r.usesColumns],
  dependsOnColumnTypes: true,
  compare(from, to) {
    if (from.definition !== to.definition) return 'recreate';
    if (from.enabled === to.enabled) return [];
    return [alterChange(from, to, { type: 'enabled' }, { after: [], before: [] })];
  },
  render(change) {
    const r = changedObject(change);
    const on = qualify(r.schema, r.table);
    if (change.op === 'drop') return rendered([`DROP RULE ${quoteIdent(r.name)} ON ${on}`]);
    const state = `ALTER TABLE ${on} ${STATE[r.enabled]} RULE ${quoteIdent(r.name)}`;
    if (change.op === 'alter') return rendered([state]);
    return rendered(r.enabled === 'O' ? [r.definition] : [r.definition, state]);
  },
  describe: (c) => `rule ${c.from.enabled} → ${c.to.enabled}`,
};
