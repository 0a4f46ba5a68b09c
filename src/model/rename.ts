// A rename declared in the desired state: planned as RENAME, so that rows stay. Plain data.

export interface Rename {
  readonly kind: 'table' | 'column';
  readonly schema: string;
  /** The table's (new) name. */
  readonly table: string;
  readonly from: string;
  readonly to: string;
  /** Where it was declared (file, 1-based line and column). */
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
}
