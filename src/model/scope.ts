// Which part of a database is managed: schemas in and out, and whether extension versions count.
export interface Scope {
  /** Only these schemas; undefined = all non-system schemas. */
  readonly schemas?: readonly string[];
  readonly excludeSchemas: readonly string[];
  /** Manage extension versions (ALTER EXTENSION … UPDATE); off by default, as dev databases ship other defaults. */
  readonly extensionVersions?: boolean;
  /** Manage owners (ALTER … OWNER TO); off by default. An object the desired state gives no owner belongs to the
   * role that applies the migrations. Roles are never created. */
  readonly owners?: boolean;
}

export const ALL_SCHEMAS: Scope = { excludeSchemas: [] };
