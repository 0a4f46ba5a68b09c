// A type conversion declared in the desired state for a column whose type changes where PostgreSQL has no cast:
// the USING expression of the forward change and, optionally, of the reverse one. Plain data.

export interface Conversion {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  /** A single SQL expression over the table's old columns (checked by the parser). */
  readonly up: string;
  /** The expression that converts back, for the down steps. */
  readonly down: string | null;
  /** Where it was declared (file, 1-based line and column). */
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
}
