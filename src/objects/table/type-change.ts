// Whether `ALTER COLUMN … TYPE` rewrites the table. PostgreSQL keeps the storage when the conversion is binary
// (varchar → text, cidr → inet, a domain without constraints and back) or a typmod that only widens (varchar(n) → a
// longer or unbounded one, numeric(p,s) → more precision at the same scale, timestamp/time/interval precision up); a
// conversion to a domain with constraints, a fixed-length type (char(n), bit(n)) or an array goes through a function
// and rewrites. timestamp ↔ timestamptz is rewritten unless the session's TimeZone is UTC. The table was measured
// with relfilenode before and after (test/apply/type-rewrites.test.ts); anything not known here is a rewrite.

/** A column type as the rules see it: its base type (a domain resolved to its base), typmod arguments, array. */
export interface TypeShape {
  readonly base: string;
  readonly args: readonly number[];
  readonly array: boolean;
  /** A domain with a CHECK or NOT NULL: converting to it checks every row, which PostgreSQL does by a rewrite. */
  readonly constrained: boolean;
}

export type TypeChangeCost = 'none' | 'rewrite' | 'rewrite-unless-utc';

/** `timestamp(3) without time zone` → base `timestamp without time zone`, args [3]; `numeric(10,2)` → [10, 2]. */
export function typeShape(formatted: string, constrained = false): TypeShape {
  const array = formatted.endsWith('[]');
  const text = array ? formatted.slice(0, -2) : formatted;
  const m = /^(.*?)\(([\d,\s]+)\)(.*)$/.exec(text);
  const base = m ? `${m[1]}${m[3]}`.trim() : text.trim();
  const args = m ? (m[2] ?? '').split(',').map((x) => Number(x.trim())) : [];
  return { base, args, array, constrained };
}

const VARYING = new Set(['character varying', 'bit varying']);
const TEMPORAL = new Set([
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'time with time zone',
]);
const TIMESTAMPS = new Set(['timestamp without time zone', 'timestamp with time zone']);
/** Binary conversions between different types that keep every value's bytes (pg_cast castmethod 'b'). */
const BINARY: ReadonlySet<string> = new Set([
  'character varying>text',
  'text>character varying',
  'cidr>inet',
  'bit>bit varying',
  'xml>text',
  'xml>character varying',
]);
const MAX_TEMPORAL_PRECISION = 6;

/** A typmod change within one base type keeps the storage when it only widens. */
function widens(base: string, from: readonly number[], to: readonly number[]): boolean {
  if (to.length === 0) return VARYING.has(base) || base === 'numeric' || TEMPORAL.has(base) || base === 'interval';
  if (VARYING.has(base)) return from.length > 0 && (to[0] ?? 0) >= (from[0] ?? 0);
  if (base === 'numeric') return from.length > 0 && to[1] === from[1] && (to[0] ?? 0) >= (from[0] ?? 0);
  if (TEMPORAL.has(base)) {
    const was = from[0] ?? MAX_TEMPORAL_PRECISION;
    return (to[0] ?? 0) >= Math.min(was, MAX_TEMPORAL_PRECISION);
  }
  return false;
}

export function typeChangeCost(from: TypeShape, to: TypeShape): TypeChangeCost {
  if (to.constrained) return 'rewrite';
  const sameArgs = from.args.join(',') === to.args.join(',');
  if (from.array || to.array) return from.array === to.array && from.base === to.base && sameArgs ? 'none' : 'rewrite';
  if (from.base === to.base) return sameArgs || widens(to.base, from.args, to.args) ? 'none' : 'rewrite';
  if (BINARY.has(`${from.base}>${to.base}`)) return to.args.length === 0 ? 'none' : 'rewrite';
  if (TIMESTAMPS.has(from.base) && TIMESTAMPS.has(to.base))
    return to.args.length === 0 || widens('timestamp with time zone', from.args, to.args)
      ? 'rewrite-unless-utc'
      : 'rewrite';
  return 'rewrite';
}
