// Every object id is built here, in TypeScript and in SQL alike: `kind:part.part…`, each part with its backslashes
// and dots escaped, so that schema "a.b" table "c" and schema "a" table "b.c" never share an id, and a reader can
// always tell the parts apart. Names without dots or backslashes read as they are: `table:public.users`.

const escapePart = (part: string) => part.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

export function objectId(kind: string, ...parts: readonly string[]): string {
  return `${kind}:${parts.map(escapePart).join('.')}`;
}

/** The parts of an id in SQL (the same escaping as escapePart), joined by dots; the kind prefix goes before it. */
export const idPartsSql = (...exprs: readonly string[]) =>
  exprs.map((e) => `replace(replace(${e}, '\\', '\\\\'), '.', '\\.')`).join(` || '.' || `);

export const schemaId = (schema: string) => objectId('schema', schema);
/** In SQL, the id of the table or view of pg_class row `c` (namespace `n`): what triggers, rules and column grants
 * are on. */
export const tableOrViewIdSql = (c = 'c', n = 'n') =>
  `CASE WHEN ${c}.relkind IN ('v', 'm') THEN 'view:' ELSE 'table:' END || ${idPartsSql(`${n}.nspname`, `${c}.relname`)}`;
/** Relations and types share one name space per schema: a create of the name waits for a drop of it. */
export const relationSlot = (schema: string, name: string) => objectId('rel', schema, name);
export const tableId = (schema: string, name: string) => objectId('table', schema, name);
export const viewId = (schema: string, name: string) => objectId('view', schema, name);
export const typeId = (schema: string, name: string) => objectId('type', schema, name);
export const sequenceId = (schema: string, name: string) => objectId('sequence', schema, name);
export const collationId = (schema: string, name: string) => objectId('collation', schema, name);
export const indexId = (schema: string, name: string) => objectId('index', schema, name);
export const statisticsId = (schema: string, name: string) => objectId('statistics', schema, name);
/** An operator's id part: its name and argument types (`===(text,text)`, `NONE` for a prefix operator's left). */
export const operatorId = (schema: string, signature: string) => objectId('operator', schema, signature);
/** The same signature in SQL, of the pg_operator row `o` (format_type as the kinds read types). */
export const operatorSignatureSql = (o: string) =>
  `${o}.oprname || '(' || coalesce(pg_catalog.format_type(${o}.oprleft, NULL), 'NONE') || ',' || ` +
  `pg_catalog.format_type(${o}.oprright, NULL) || ')'`;
/** A cast's id: its source and target types as format_type prints them. */
export const castId = (source: string, target: string) => objectId('cast', source, target);
export const opFamilyId = (schema: string, name: string, method: string) => objectId('opfamily', schema, name, method);
export const opClassId = (schema: string, name: string, method: string) => objectId('opclass', schema, name, method);
export const wrapperId = (name: string) => objectId('fdw', name);
export const serverId = (name: string) => objectId('server', name);
export const tsDictionaryId = (schema: string, name: string) => objectId('ts_dictionary', schema, name);
export const tsConfigurationId = (schema: string, name: string) => objectId('ts_configuration', schema, name);
export const constraintId = (schema: string, table: string, name: string) =>
  objectId('constraint', schema, table, name);
export const triggerId = (schema: string, table: string, name: string) => objectId('trigger', schema, table, name);
export const ruleId = (schema: string, table: string, name: string) => objectId('rule', schema, table, name);
export const policyId = (schema: string, table: string, name: string) => objectId('policy', schema, table, name);
export const extensionId = (name: string) => objectId('extension', name);
/** A function's id: its name, then its identity arguments as PostgreSQL prints them. */
export const functionId = (schema: string, name: string, args: string) =>
  `${objectId('function', schema, name)}(${args})`;
/** A grant: the securable's id, the column if any, the grantee. The separators `#` and `:` are escaped in the
 * parts that could hold them (names without them read as before, so recorded hashes keep their value). */
export const grantId = (target: string, column: string | null, grantee: string) => {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/[#:]/g, (c) => `\\${c}`);
  return `grant:${target}${column !== null ? `#${esc(column)}` : ''}:${esc(grantee)}`;
};
/** `schema.table.column`, escaped like ids: how objects name the columns they use. */
export const columnKey = (schema: string, table: string, column: string) =>
  [schema, table, column].map(escapePart).join('.');
