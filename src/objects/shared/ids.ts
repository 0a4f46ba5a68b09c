// Stable object ids shared by the kinds that refer to each other.
export const schemaId = (schema: string) => `schema:${schema}`;
/** Relations and types share one name space per schema: a create of the name waits for a drop of it. */
export const relationSlot = (schema: string, name: string) => `rel:${schema}.${name}`;
export const tableId = (schema: string, name: string) => `table:${schema}.${name}`;
export const typeId = (schema: string, name: string) => `type:${schema}.${name}`;
export const sequenceId = (schema: string, name: string) => `sequence:${schema}.${name}`;
export const collationId = (schema: string, name: string) => `collation:${schema}.${name}`;
export const indexId = (schema: string, name: string) => `index:${schema}.${name}`;
export const constraintId = (schema: string, table: string, name: string) => `constraint:${schema}.${table}.${name}`;
export const columnKey = (schema: string, table: string, column: string) => `${schema}.${table}.${column}`;
