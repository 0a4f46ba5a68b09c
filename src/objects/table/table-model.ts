// Model of a table and its columns.
import { type DbObject, type ObjectId, isKind } from '../../model/model.js';
import type { SequenceOptions } from '../sequence/options.js';

/** An identity column's sequence options; its data type is the column's. */
export type IdentityOptions = Omit<SequenceOptions, 'dataType'>;

interface Identity {
  readonly generation: 'ALWAYS' | 'BY DEFAULT';
  readonly options: IdentityOptions;
}

export interface Column {
  readonly name: string;
  /** format_type() text, schema-qualified outside pg_catalog. */
  readonly type: string;
  /** The user-defined type (or element type of an array) the column uses. */
  readonly typeRef: ObjectId | null;
  readonly typeIsArray: boolean;
  readonly notNull: boolean;
  readonly default: string | null;
  /** The default calls a volatile function (each row gets its own value): adding the column rewrites the table. */
  readonly defaultVolatile: boolean;
  readonly identity: Identity | null;
  readonly generated: { readonly expression: string; readonly stored: boolean } | null;
  /** Qualified, quoted collation name when it differs from the type's default. */
  readonly collation: string | null;
  readonly collationRef: ObjectId | null;
  /** attstorage (p, e, m, x), and whether that is the type's default (nothing to set at creation). */
  readonly storage: 'p' | 'e' | 'm' | 'x';
  readonly storageIsDefault: boolean;
  /** attstattarget (ALTER COLUMN … SET STATISTICS); null for the default. */
  readonly statistics: number | null;
  /** attcompression (SET COMPRESSION); null for the server's default_toast_compression. */
  readonly compression: 'pglz' | 'lz4' | null;
  /** Comes only from a parent (inheritance or partitioning): the parent's changes govern it. */
  readonly inherited: boolean;
  /** Declared in the desired state: how rows convert when the type changes (not part of the schema). */
  readonly using?: { readonly up: string; readonly down: string | null };
}

interface TableProperties {
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  /** reloptions, sorted (`fillfactor=70`, …). */
  readonly options: readonly string[];
  /** d = default, n = nothing, f = full, i = index (`replicaIndex`). */
  readonly replicaIdentity: 'd' | 'n' | 'f' | 'i';
  readonly replicaIndex: string | null;
}

interface PartitionOf {
  readonly parent: ObjectId;
  readonly schema: string;
  readonly table: string;
  /** pg_get_expr(relpartbound): `FOR VALUES FROM (…) TO (…)`, `DEFAULT`, … */
  readonly bound: string;
}

export interface TableObject extends DbObject, TableProperties {
  readonly kind: 'table';
  readonly schema: string;
  readonly unlogged: boolean;
  /** pg_get_partkeydef() of a partitioned table. */
  readonly partitionKey: string | null;
  readonly partitionOf: PartitionOf | null;
  /** Parents by plain inheritance (INHERITS), in order. */
  readonly inherits: readonly { readonly schema: string; readonly name: string }[];
  /** In attnum order; compared by name. */
  readonly columns: readonly Column[];
  /** What pg_depend says the table, its column types, defaults and generated expressions use. */
  readonly expressionRefs: readonly ObjectId[];
}

export const isTable = isKind<TableObject>('table');
