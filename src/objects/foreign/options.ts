// Generic options of foreign-data wrappers, servers, foreign tables and their columns: PostgreSQL keeps them as
// `name=value` texts; statements take them as `OPTIONS (name 'value', …)`, and changes as SET, ADD and DROP.
import { quoteIdent, quoteLiteral } from '../../sql/quote.js';

type Options = readonly string[];

const split = (o: string): [string, string] => {
  const at = o.indexOf('=');
  return at < 0 ? [o, ''] : [o.slice(0, at), o.slice(at + 1)];
};

/** ` OPTIONS (…)` for a new object, or '' without options. */
export function optionsClause(options: Options): string {
  if (options.length === 0) return '';
  return ` OPTIONS (${options
    .map((o) => {
      const [name, value] = split(o);
      return `${quoteIdent(name)} ${quoteLiteral(value)}`;
    })
    .join(', ')})`;
}

/** ` OPTIONS (SET …, ADD …, DROP …)` taking `from` to `to`, or '' when they are the same. */
export function optionsChange(from: Options, to: Options): string {
  const before = new Map(from.map(split));
  const after = new Map(to.map(split));
  const parts = [
    ...[...after].flatMap(([name, value]) =>
      before.get(name) === value
        ? []
        : [`${before.has(name) ? 'SET' : 'ADD'} ${quoteIdent(name)} ${quoteLiteral(value)}`],
    ),
    ...[...before.keys()].filter((name) => !after.has(name)).map((name) => `DROP ${quoteIdent(name)}`),
  ];
  return parts.length ? ` OPTIONS (${parts.join(', ')})` : '';
}
