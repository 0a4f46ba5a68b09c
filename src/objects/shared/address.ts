// How a statement names an object, from pg_identify_object_as_address (its type, name parts and arguments): what
// COMMENT ON and ALTER … OWNER TO take after their first words.
import { quoteIdent } from '../../sql/quote.js';
import { qualifiedOperator } from '../operator/operator.js';
import { castName } from '../cast/cast.js';

/** pg_identify_object_as_address's answer: `table`, `table column`, `function`, … and the name parts. */
export interface Address {
  readonly objectType: string;
  readonly names: readonly string[];
  readonly args: readonly string[];
}

const qualified = (names: readonly string[]) => names.map(quoteIdent).join('.');

/** The object part of COMMENT ON and ALTER … OWNER TO, e.g. `COLUMN "s"."t"."c"` or `TRIGGER "x" ON "s"."t"`. */
export function objectAddress(c: Address): string {
  const n = c.names;
  switch (c.objectType) {
    case 'table column':
    case 'view column':
    case 'materialized view column':
    case 'foreign table column':
    case 'composite type column':
      return `COLUMN ${qualified(n)}`;
    case 'function':
    case 'procedure':
      return `${c.objectType.toUpperCase()} ${qualified(n)}(${c.args.join(', ')})`;
    // An aggregate over all rows is written `(*)`, never `()`.
    case 'aggregate':
      return `AGGREGATE ${qualified(n)}(${c.args.length ? c.args.join(', ') : '*'})`;
    case 'table constraint':
    case 'trigger':
    case 'policy':
    case 'rule': {
      const kind = c.objectType === 'table constraint' ? 'CONSTRAINT' : c.objectType.toUpperCase();
      return `${kind} ${quoteIdent(n[n.length - 1] ?? '')} ON ${qualified(n.slice(0, -1))}`;
    }
    // Type names come as one string already formatted (and quoted) by the server, like format_type().
    case 'type':
    case 'domain':
      return `${c.objectType.toUpperCase()} ${n[0] ?? ''}`;
    case 'statistics object':
      return `STATISTICS ${qualified(n)}`;
    case 'cast':
      return `CAST ${castName({ source: n[0] ?? '', target: c.args[0] ?? '' })}`;
    // A prefix operator's address has its right argument only.
    case 'operator': {
      const args = c.args.length === 1 ? ['NONE', ...c.args] : c.args;
      return `OPERATOR ${qualifiedOperator({ schema: n[0] ?? '', name: n[1] ?? '' })} (${args.join(', ')})`;
    }
    // Their address is the index method, the schema and the name.
    case 'operator class':
    case 'operator family':
      return `${c.objectType.toUpperCase()} ${qualified(n.slice(1))} USING ${quoteIdent(n[0] ?? '')}`;
    case 'domain constraint':
      return `CONSTRAINT ${quoteIdent(c.args[0] ?? '')} ON DOMAIN ${n[0] ?? ''}`;
    default:
      return `${c.objectType.toUpperCase()} ${qualified(n)}`;
  }
}
