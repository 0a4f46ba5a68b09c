// Text search configurations (CREATE TEXT SEARCH CONFIGURATION): a parser and, per token type, the dictionaries
// tried in order. A new parser re-creates the configuration; changed mappings are altered in place (ADD, ALTER and
// DROP MAPPING), so indexes and columns whose expressions name the configuration stay as they are.
import type { ObjectKind } from '../kind.js';
import { changedObject } from '../kind.js';
import type { DbObject, ObjectId } from '../../model/model.js';
import { qualify, quoteIdent } from '../../sql/quote.js';
import { notFromExtension, schemaFilter, scopeParams } from '../shared/scope.js';
import { schemaId, tsConfigurationId } from '../shared/ids.js';
import { rendered, sameData } from '../shared/simple.js';
import { alterChange } from '../shared/change.js';

interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

export interface TsConfigurationObject extends DbObject {
  readonly kind: 'ts_configuration';
  readonly schema: string;
  readonly parser: QualifiedName;
  /** Token type alias → its dictionaries in the order they are tried; sorted by token type. */
  readonly mappings: readonly { readonly token: string; readonly dictionaries: readonly QualifiedName[] }[];
  readonly dependsOn: readonly ObjectId[];
}

const QUERY = `
WITH cfg AS MATERIALIZED (
  SELECT c.oid, c.cfgname, c.cfgparser, n.nspname FROM pg_catalog.pg_ts_config c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
  WHERE ${schemaFilter('n.nspname')} AND ${notFromExtension('pg_ts_config', 'c.oid')}
),
token AS (
  SELECT cfg.oid AS cfg, m.maptokentype, t.alias,
    json_agg(json_build_object('schema', dn.nspname, 'name', d.dictname) ORDER BY m.mapseqno) AS dictionaries
  FROM cfg JOIN pg_catalog.pg_ts_config_map m ON m.mapcfg = cfg.oid
  JOIN pg_catalog.ts_token_type(cfg.cfgparser) t ON t.tokid = m.maptokentype
  JOIN pg_catalog.pg_ts_dict d ON d.oid = m.mapdict
  JOIN pg_catalog.pg_namespace dn ON dn.oid = d.dictnamespace
  GROUP BY cfg.oid, m.maptokentype, t.alias
)
SELECT cfg.nspname AS schema, cfg.cfgname AS name, pn.nspname AS parser_schema, p.prsname AS parser,
  coalesce((SELECT json_agg(json_build_object('token', token.alias, 'dictionaries', token.dictionaries)
    ORDER BY token.alias) FROM token WHERE token.cfg = cfg.oid), '[]'::json) AS mappings,
  cfg.oid::text AS oid
FROM cfg
JOIN pg_catalog.pg_ts_parser p ON p.oid = cfg.cfgparser
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace`;

type Mapping = TsConfigurationObject['mappings'][number];

const dictionaryList = (m: Mapping) => m.dictionaries.map((d) => qualify(d.schema, d.name)).join(', ');

/** ADD, ALTER and DROP MAPPING statements from `was`'s mappings to `c`'s (a new configuration: from none). Token
 * types with the same dictionaries share one statement. */
function mappingStatements(c: TsConfigurationObject, was?: TsConfigurationObject): string[] {
  const name = qualify(c.schema, c.name);
  const before = new Map((was?.mappings ?? []).map((m) => [m.token, m]));
  const after = new Set(c.mappings.map((m) => m.token));
  const grouped = new Map<string, string[]>();
  for (const m of c.mappings) {
    const old = before.get(m.token);
    if (old && sameData(old.dictionaries, m.dictionaries)) continue;
    const key = `${old ? 'ALTER' : 'ADD'} MAPPING FOR \u0000 WITH ${dictionaryList(m)}`;
    grouped.set(key, [...(grouped.get(key) ?? []), quoteIdent(m.token)]);
  }
  const dropped = [...before.keys()].filter((t) => !after.has(t)).map(quoteIdent);
  return [
    ...(dropped.length ? [`ALTER TEXT SEARCH CONFIGURATION ${name} DROP MAPPING FOR ${dropped.join(', ')}`] : []),
    ...[...grouped].map(
      ([key, tokens]) => `ALTER TEXT SEARCH CONFIGURATION ${name} ${key.replace('\u0000', tokens.join(', '))}`,
    ),
  ];
}

export const tsConfigurationKind: ObjectKind<TsConfigurationObject> = {
  kind: 'ts_configuration',
  covers: ['text search configuration'],
  async introspect(db, scope, refs) {
    const rows = await db.query<{
      schema: string;
      name: string;
      parser_schema: string;
      parser: string;
      mappings: Mapping[];
      oid: string;
    }>(QUERY, scopeParams(scope));
    return rows.map((r) => {
      const id = tsConfigurationId(r.schema, r.name);
      return {
        kind: 'ts_configuration',
        id,
        schema: r.schema,
        name: r.name,
        parser: { schema: r.parser_schema, name: r.parser },
        mappings: r.mappings,
        dependsOn: refs.dependsOn([['pg_ts_config', r.oid]], id),
      };
    });
  },
  dependencies: (c) => [schemaId(c.schema), ...c.dependsOn],
  compare(from, to) {
    if (!sameData(from.parser, to.parser)) return 'recreate';
    if (sameData(from.mappings, to.mappings)) return [];
    return [alterChange(from, to, { type: 'mappings' }, { after: to.dependsOn, before: from.dependsOn })];
  },
  render(change) {
    const c = changedObject(change);
    const name = qualify(c.schema, c.name);
    if (change.op === 'drop') return rendered([`DROP TEXT SEARCH CONFIGURATION ${name}`]);
    if (change.op === 'alter') return rendered(mappingStatements(change.to, change.from));
    return rendered([
      `CREATE TEXT SEARCH CONFIGURATION ${name} (PARSER = ${qualify(c.parser.schema, c.parser.name)})`,
      ...mappingStatements(c),
    ]);
  },
  describe: () => 'token mappings',
};
