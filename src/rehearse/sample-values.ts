// Candidate sample values per column: SQL expressions over the row number `g`, distinct per row where the type has
// room, in the order the proof tries them. The first is the plain one; the others exist for CHECKs and domains
// that refuse it (a code matching `^[a-z_]+$`, a date after another, a value from a list, a share between 0 and 1).
// Literals found in the column's CHECKs and domain constraints are candidates too.
import { quoteLiteral } from '../sql/quote.js';
import type { CatalogColumn } from './catalog.js';

/** The string and number literals of CHECK expressions (as pg_get_expr prints them). */
function literalsOf(expressions: readonly string[]): { strings: string[]; numbers: string[] } {
  const strings = new Set<string>();
  const numbers = new Set<string>();
  for (const e of expressions) {
    for (const m of e.matchAll(/'((?:[^']|'')*)'::/g)) strings.add((m[1] ?? '').replace(/''/g, "'"));
    const bare = e.replace(/'(?:[^']|'')*'/g, "''");
    for (const m of bare.matchAll(/(?<![\w.$])(-?\d+(?:\.\d+)?)(?![\w.])/g)) numbers.add(m[1] ?? '0');
  }
  return { strings: [...strings], numbers: [...numbers] };
}

const cycle = (values: readonly string[]) => `(ARRAY[${values.join(', ')}])[1 + (g - 1) % ${values.length}]`;

function numeric(c: CatalogColumn, numbers: readonly string[]): string[] {
  const t = c.baseType;
  if (t === 'money') return ['(g * 1.5)::numeric::money'];
  if (/^(oid|regclass|regtype|regproc)/.test(t)) return [];
  const integral = /^(smallint|integer|bigint)$/.test(t);
  const near = numbers.flatMap((n) => [`(${n} + g)`, `(${n} - g)`, n]);
  return ['g', '(g + 1000)', ...(integral ? [] : ['(1.0 / (g + 1))']), '0', '(- g)', ...near, '(g * 1000000)'];
}

function strings(c: CatalogColumn, literals: readonly string[]): string[] {
  const fit = (expr: string) => (c.maxLength !== null ? `left(${expr}, ${c.maxLength})` : expr);
  const letters = `translate(g::text, '0123456789', 'abcdefghij')`;
  const listed = literals.length ? [cycle(literals.map(quoteLiteral)), ...literals.map(quoteLiteral)] : [];
  // The number first: short types stay distinct.
  return [
    fit(`g || ' sample'`),
    ...listed,
    fit(`'s' || ${letters}`),
    fit(`upper('s' || ${letters})`),
    fit(`'sample-' || g`),
    fit(`'s' || g`),
    fit(`'sample' || g || '@example.com'`),
    fit(`'https://example.com/' || g`),
  ];
}

function temporal(c: CatalogColumn): string[] {
  const t = c.baseType;
  if (t === 'date') return [`date '2026-01-01' + g`, `date '2026-01-01' + g + 400`, `date '2024-01-01' + g`];
  if (t.startsWith('time with') || t === 'time without time zone') {
    return [`time '00:00' + g * interval '1 minute'`, `time '12:00' + g * interval '1 minute'`];
  }
  return [
    `timestamp '2026-01-01 00:00' + g * interval '1 hour'`,
    `timestamp '2027-01-01 00:00' + g * interval '1 hour'`,
    `timestamp '2024-01-01 00:00' + g * interval '1 hour'`,
  ];
}

/** Bounds of a range of the subtype's category, lower and upper, per row. */
function range(c: CatalogColumn): string[] {
  const [lo, hi, far] =
    c.rangeCategory === 'N'
      ? ['g * 10', 'g * 10 + 5', 'g * 10 + 1000']
      : c.rangeCategory === 'D' && c.rangeSubtype === 'date'
        ? [`date '2026-01-01' + g * 10`, `date '2026-01-01' + g * 10 + 5`, `date '2030-01-01' + g`]
        : c.rangeCategory === 'D'
          ? [
              `timestamp '2026-01-01' + g * interval '10 hours'`,
              `timestamp '2026-01-01' + (g * 10 + 5) * interval '1 hour'`,
              `timestamp '2030-01-01' + g * interval '1 hour'`,
            ]
          : [];
  if (!lo || !hi || !far || !c.rangeSubtype) return [];
  const sub = c.rangeSubtype;
  return [`${c.baseType}((${lo})::${sub}, (${hi})::${sub})`, `${c.baseType}((${hi})::${sub}, (${far})::${sub})`];
}

function other(c: CatalogColumn): string[] {
  switch (c.baseType) {
    case 'uuid':
      return ['md5(g::text)::uuid'];
    case 'json':
    case 'jsonb':
      return [`json_build_object('sample', g)`, 'json_build_array(g)', `to_json('sample ' || g)`];
    case 'bytea':
      return [`decode(md5(g::text), 'hex')`];
    case 'xml':
      return [`('<sample n="' || g || '"/>')`];
    case 'tsvector':
      return [`to_tsvector('simple', 'sample ' || g)`];
    default:
      return [];
  }
}

/** Values of the column's base type (not yet cast to the column's type); [] when we know none. */
export function baseCandidates(c: CatalogColumn, checks: readonly string[] = []): string[] {
  const { strings: lits, numbers } = literalsOf([...checks, ...(c.domainChecks ?? [])]);
  if (c.isEnum) {
    const labels = (c.labels ?? []).map(quoteLiteral);
    // Labels as text: the enum of a desired column may not exist yet where the rows are made.
    return labels.length ? [cycle(labels), ...labels] : [];
  }
  switch (c.category) {
    case 'N':
      return numeric(c, numbers);
    case 'S':
      return strings(c, lits);
    case 'B':
      return ['(g % 2 = 0)', 'true', 'false'];
    case 'D':
      return temporal(c);
    case 'T':
      return [`g * interval '1 minute'`, `g * interval '1 day'`];
    case 'I':
      return [`('10.0.0.' || g)`];
    case 'V':
      return [`(g || '.0')`];
    case 'R':
      return range(c);
    case 'U':
      return other(c);
    default:
      return [];
  }
}

/** A base value as a value of the column's own type (an array of one element for array columns). */
export const asColumn = (c: CatalogColumn, v: string): string =>
  c.isArray ? `ARRAY[${v}]::${c.type}` : `(${v})::${c.type}`;
