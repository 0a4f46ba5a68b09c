// Rewrite rules (CREATE RULE) on tables and views, other than a view's own _RETURN rule. A changed definition
// re-creates the rule; its state (enabled, disabled, replica, always) is altered in place, as a trigger's.
import { ruleId, tableOrViewIdSql } from '../shared/ids.js';
import type { ObjectKind } from '../kind.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { statedKind, type StatedObject } from '../shared/stated.js';

/** `definition`: pg_get_ruledef() without its closing semicolon (`CREATE RULE … AS ON … TO … DO …`, names
 * qualified); `usesColumns`: the columns the rule reads or writes. */
export interface RuleObject extends StatedObject {
  readonly kind: 'rule';
}

const QUERY = `
SELECT n.nspname AS schema, c.relname AS table, r.rulename AS name, pg_catalog.pg_get_ruledef(r.oid) AS definition,
  r.ev_enabled AS enabled, ${tableOrViewIdSql()} AS owner,
  r.oid::text AS oid
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}`;

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
  ...statedKind<RuleObject>('RULE'),
  describe: (c) => `rule ${c.from.enabled} → ${c.to.enabled}`,
};
