// Where a sequence stands is data, not schema: the model leaves it out, so a plan that gives a column a new
// sequence (serial <-> identity, a renamed or re-created sequence) or narrows one must carry the position over at
// apply time, or the next insert draws a value that existing rows already hold.
import { qualify, quoteIdent, quoteLiteral } from '../../sql/quote.js';
import { doBlock } from '../../sql/do-block.js';

/** Where a column's values come from: its identity, or the sequence its default calls (`nextval('…'::regclass)`). */
export type ValueSource = { readonly type: 'identity' } | { readonly type: 'sequence'; readonly name: string };

const NEXTVAL = /^nextval\('((?:[^']|'')+)'::regclass\)$/;

export function valueSource(c: { readonly identity: unknown; readonly default: string | null }): ValueSource | null {
  if (c.identity) return { type: 'identity' };
  const m = c.default === null ? null : NEXTVAL.exec(c.default);
  return m?.[1] ? { type: 'sequence', name: m[1].replace(/''/g, "'") } : null;
}

export const sameSource = (a: ValueSource | null, b: ValueSource | null): boolean =>
  a?.type === b?.type && (a?.type !== 'sequence' || (b?.type === 'sequence' && a.name === b.name));

/** A regclass expression for the source's sequence at apply time (NULL when it is gone by then). */
function sequenceOf(s: ValueSource, schema: string, table: string, column: string): string {
  if (s.type === 'sequence') return `pg_catalog.to_regclass(${quoteLiteral(s.name)})`;
  return `pg_catalog.pg_get_serial_sequence(${quoteLiteral(qualify(schema, table))}, ${quoteLiteral(column)})::regclass`;
}

export interface Carry {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  /** The sequence that will hand out the column's next values. */
  readonly to: ValueSource;
  /** The one that handed them out so far, if any. */
  readonly from: ValueSource | null;
}

/**
 * Moves the target sequence to where the column's values stand: the furthest of its own position (a renamed
 * sequence keeps it) and the old sequence's; the column's largest value only when neither has handed out any (no
 * old sequence, or gone), so that the scan runs only then. Never backwards, and nothing at all on an empty history.
 */
export function carryPosition(c: Carry): string {
  const target = sequenceOf(c.to, c.schema, c.table, c.column);
  const last = (seq: string) => `pg_catalog.pg_sequence_last_value(${seq})`;
  const positions = [last('s.seq'), ...(c.from ? [last(sequenceOf(c.from, c.schema, c.table, c.column))] : [])];
  const largest = `(SELECT max(${quoteIdent(c.column)})::bigint FROM ${qualify(c.schema, c.table)})`;
  return (
    `SELECT pg_catalog.setval(p.seq, p.v) FROM (SELECT s.seq, coalesce(greatest(${positions.join(', ')}), ${largest}) AS v` +
    ` FROM (SELECT ${target} AS seq) AS s) AS p WHERE p.v IS NOT NULL`
  );
}

export interface Range {
  readonly min: string;
  readonly max: string;
  readonly start: string;
}

/**
 * A sequence's range narrows: a position outside the new range stops the step with the sequence, its value and the
 * new bounds (PostgreSQL would only say "RESTART value … cannot be greater than MAXVALUE"); a sequence that never
 * handed out a value is moved to the new start by `restart` (a statement that also sets the new range).
 */
export function rangeGuard(seq: string, label: string, range: Range, restart: string): string {
  const fits = `v BETWEEN ${range.min} AND ${range.max}`;
  const message = quoteLiteral(
    `sequence ${label.replace(/%/g, '%%')}: its current value % does not fit the new range (minimum ${range.min}, maximum ` +
      `${range.max}); nothing was changed`,
  );
  return doBlock([
    'DECLARE v bigint; called boolean; BEGIN',
    `  EXECUTE pg_catalog.format('SELECT last_value, is_called FROM %s', ${seq}) INTO v, called;`,
    `  IF NOT (${fits}) THEN`,
    `    IF called THEN RAISE EXCEPTION ${message}, v USING ERRCODE = '22003'; END IF;`,
    `    EXECUTE ${quoteLiteral(restart)};`,
    '  END IF;',
    'END',
  ]);
}

/** A regclass expression for a named sequence. */
export const namedSequence = (schema: string, name: string): string =>
  `${quoteLiteral(qualify(schema, name))}::regclass`;

/** A regclass expression for an identity column's sequence. */
export const identitySequence = (schema: string, table: string, column: string): string =>
  sequenceOf({ type: 'identity' }, schema, table, column);

/**
 * Renames an identity's sequence from `from` to `to` when it has that name (PostgreSQL names it after its table and
 * column when it is made, and keeps the name when they are renamed; a database built afresh has the new name).
 */
export function renameIdentitySequence(
  schema: string,
  table: string,
  column: string,
  from: string,
  to: string,
): string {
  return doBlock([
    `BEGIN IF pg_catalog.to_regclass(${quoteLiteral(qualify(schema, from))}) = ${identitySequence(schema, table, column)} THEN` +
      ` ALTER SEQUENCE ${qualify(schema, from)} RENAME TO ${quoteIdent(to)}; END IF; END`,
  ]);
}

/** The name PostgreSQL gives the sequence of an identity or serial column, when it fits without truncation. */
export function defaultSequenceName(table: string, column: string): string | undefined {
  const name = `${table}_${column}_seq`;
  return Buffer.byteLength(name) <= 63 ? name : undefined;
}
