// The YAML desired-state format (docs/yaml-format.md), validated with zod. Names are plain identifiers (quoted when
// rendered); SQL fragments (types, defaults, checks, predicates, queries, bodies) are strings checked by the parser
// in yaml-fragments.ts.
import { z } from 'zod';

const name = z
  .string()
  .min(1, 'a name')
  .refine((s) => Buffer.byteLength(s) <= 63, 'a name of at most 63 bytes');
const sqlText = z.string().min(1, 'an SQL fragment');
const comment = z.string().optional();
const role = z.string().min(1, 'a role name (or PUBLIC)');

const TABLE_PRIVILEGES = ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger', 'all'] as const;
const grant = z.strictObject({
  role,
  privileges: z.array(z.enum(TABLE_PRIVILEGES, { message: `one of ${TABLE_PRIVILEGES.join(', ')}` })).min(1),
  withGrantOption: z.boolean().optional(),
});

const action = z.enum(['no action', 'restrict', 'cascade', 'set null', 'set default'], {
  message: 'one of no action, restrict, cascade, set null, set default',
});
const reference = z.strictObject({
  table: name,
  schema: name.optional(),
  columns: z.array(name).min(1).optional(),
  onDelete: action.optional(),
  onUpdate: action.optional(),
});

// Sequence bounds reach 2^63: written as numbers where they fit, as strings of digits where they do not.
const bigintText = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'a whole number')]);

const identity = z.union([
  z.enum(['always', 'by default'], { message: 'always or by default' }),
  z.strictObject({
    generation: z.enum(['always', 'by default'], { message: 'always or by default' }),
    start: bigintText.optional(),
    increment: bigintText.optional(),
    min: bigintText.optional(),
    max: bigintText.optional(),
    cache: bigintText.optional(),
    cycle: z.boolean().optional(),
  }),
]);

const column = z.strictObject({
  name,
  type: sqlText,
  nullable: z.boolean().optional(),
  default: sqlText.optional(),
  identity: identity.optional(),
  generated: sqlText.optional(),
  /** A collation: its name (found on the search path, pg_catalog first) or `{schema, name}`. */
  collation: z.union([name, z.strictObject({ schema: name, name })]).optional(),
  comment,
  renamedFrom: name.optional(),
  /** How rows convert when the type changes with no cast: one expression over the old columns, or both ways. */
  using: z.union([sqlText, z.strictObject({ up: sqlText, down: sqlText.optional() })]).optional(),
  primaryKey: z.boolean().optional(),
  unique: z.boolean().optional(),
  references: reference.optional(),
  check: sqlText.optional(),
});

const indexElement = z.union([
  name,
  z
    .strictObject({
      column: name.optional(),
      expression: sqlText.optional(),
      order: z.enum(['asc', 'desc'], { message: 'asc or desc' }).optional(),
      nulls: z.enum(['first', 'last'], { message: 'first or last' }).optional(),
      opclass: z.string().min(1).optional(),
    })
    .refine((e) => (e.column === undefined) !== (e.expression === undefined), 'exactly one of column or expression'),
]);

const index = z.strictObject({
  name,
  columns: z.array(indexElement).min(1, 'at least one column or expression'),
  unique: z.boolean().optional(),
  method: z
    .enum(['btree', 'hash', 'gist', 'gin', 'spgist', 'brin'], { message: 'btree, hash, gist, gin, spgist or brin' })
    .optional(),
  include: z.array(name).optional(),
  where: sqlText.optional(),
  nullsNotDistinct: z.boolean().optional(),
  comment,
});

const keyColumns = z.array(name).min(1, 'at least one column');
const primaryKey = z.union([keyColumns, z.strictObject({ name: name.optional(), columns: keyColumns })]);
const unique = z.strictObject({
  name: name.optional(),
  columns: keyColumns,
  nullsNotDistinct: z.boolean().optional(),
  deferrable: z.boolean().optional(),
});
const foreignKey = z.strictObject({
  name: name.optional(),
  columns: keyColumns,
  references: reference.extend({ columns: keyColumns }),
  deferrable: z.boolean().optional(),
  initiallyDeferred: z.boolean().optional(),
  match: z.enum(['simple', 'full'], { message: 'simple or full' }).optional(),
});
const check = z.strictObject({ name: name.optional(), expression: sqlText, noInherit: z.boolean().optional() });
const exclusion = z.strictObject({
  name: name.optional(),
  using: z.enum(['gist', 'spgist', 'btree', 'hash'], { message: 'gist, spgist, btree or hash' }).optional(),
  elements: z
    .array(
      z
        .strictObject({ column: name.optional(), expression: sqlText.optional(), operator: z.string().min(1) })
        .refine(
          (e) => (e.column === undefined) !== (e.expression === undefined),
          'exactly one of column or expression',
        ),
    )
    .min(1),
  where: sqlText.optional(),
});
const policy = z.strictObject({
  name,
  command: z
    .enum(['all', 'select', 'insert', 'update', 'delete'], { message: 'all, select, insert, update or delete' })
    .optional(),
  permissive: z.boolean().optional(),
  roles: z.array(role).optional(),
  using: sqlText.optional(),
  withCheck: sqlText.optional(),
});
const trigger = z.strictObject({
  name,
  timing: z.enum(['before', 'after', 'instead of'], { message: 'before, after or instead of' }),
  events: z
    .array(z.enum(['insert', 'update', 'delete', 'truncate'], { message: 'insert, update, delete or truncate' }))
    .min(1),
  forEach: z.enum(['row', 'statement'], { message: 'row or statement' }).optional(),
  function: sqlText,
  when: sqlText.optional(),
  comment,
});

const table = z.strictObject({
  name,
  schema: name.optional(),
  comment,
  renamedFrom: name.optional(),
  unlogged: z.boolean().optional(),
  columns: z.array(column).optional(),
  primaryKey: primaryKey.optional(),
  uniques: z.array(unique).optional(),
  foreignKeys: z.array(foreignKey).optional(),
  checks: z.array(check).optional(),
  exclusions: z.array(exclusion).optional(),
  /** Any table constraint as PostgreSQL prints it (`FOREIGN KEY (a) REFERENCES p(id) DEFERRABLE`). */
  constraints: z.array(z.strictObject({ name, definition: sqlText })).optional(),
  indexes: z.array(index).optional(),
  partitionBy: sqlText.optional(),
  partitionOf: z.strictObject({ table: name, schema: name.optional(), bound: sqlText }).optional(),
  rowLevelSecurity: z.union([z.boolean(), z.literal('force')]).optional(),
  policies: z.array(policy).optional(),
  triggers: z.array(trigger).optional(),
  grants: z.array(grant).optional(),
});

const view = z.strictObject({
  name,
  schema: name.optional(),
  materialized: z.boolean().optional(),
  query: sqlText,
  comment,
  indexes: z.array(index).optional(),
  grants: z.array(grant).optional(),
});

const fn = z.strictObject({
  name,
  schema: name.optional(),
  kind: z.enum(['function', 'procedure'], { message: 'function or procedure' }).optional(),
  args: z.string().optional(),
  returns: sqlText.optional(),
  language: z.string().min(1),
  volatility: z.enum(['immutable', 'stable', 'volatile'], { message: 'immutable, stable or volatile' }).optional(),
  security: z.enum(['invoker', 'definer'], { message: 'invoker or definer' }).optional(),
  strict: z.boolean().optional(),
  body: sqlText,
  comment,
});

const enumType = z.strictObject({
  name,
  schema: name.optional(),
  values: z.array(z.string().min(1)).min(1, 'at least one value'),
  comment,
});
const domain = z.strictObject({
  name,
  schema: name.optional(),
  type: sqlText,
  notNull: z.boolean().optional(),
  default: sqlText.optional(),
  checks: z.array(z.strictObject({ name, expression: sqlText })).optional(),
  comment,
});
const sequence = z.strictObject({
  name,
  schema: name.optional(),
  type: z.enum(['smallint', 'integer', 'bigint'], { message: 'smallint, integer or bigint' }).optional(),
  start: z.number().int().optional(),
  increment: z.number().int().optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  cache: z.number().int().min(1).optional(),
  cycle: z.boolean().optional(),
  comment,
});

export const yamlFileSchema = z.strictObject({
  /** Default schema of the objects in this file (default: public). */
  schema: name.optional(),
  schemas: z.array(z.strictObject({ name, comment })).optional(),
  extensions: z.array(z.strictObject({ name, schema: name.optional() })).optional(),
  enums: z.array(enumType).optional(),
  domains: z.array(domain).optional(),
  sequences: z.array(sequence).optional(),
  tables: z.array(table).optional(),
  views: z.array(view).optional(),
  functions: z.array(fn).optional(),
  /** Statements the format has no words for, run as written. */
  sql: z.array(sqlText).optional(),
});

export type YamlFile = z.infer<typeof yamlFileSchema>;
export type YamlTable = z.infer<typeof table>;
export type YamlColumn = z.infer<typeof column>;
export type YamlIndex = z.infer<typeof index>;
export type YamlView = z.infer<typeof view>;
export type YamlFunction = z.infer<typeof fn>;
export type YamlGrant = z.infer<typeof grant>;
