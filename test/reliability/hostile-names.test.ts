// Hostile identifiers, generated: names holding quotes, double quotes, semicolons, dots, spaces, upper case,
// reserved words, unicode and 63-byte names go through the full round trip (plan, apply, catalog equals the one
// built from the desired state, re-plan empty, rollback). A canary table beside them proves that no statement ever
// executed text taken from a name.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { quoteIdent, quoteLiteral } from '../../src/sql/quote.js';
import { openServerDev, roundTrip } from '../support/roundtrip.js';

const PIECES = [
  'a',
  'B',
  'z9',
  '"',
  "'",
  ';',
  '.',
  ' ',
  '-',
  '$',
  '\\',
  'é',
  '日本',
  '🚀',
  'select',
  'TABLE',
  'user',
  'order',
  '"; DROP TABLE canary; --',
  "'); DROP TABLE canary; --",
  '*/',
  '/*',
  '\t',
];

/** The longest prefix of `name` within `bytes` UTF-8 bytes. */
function clip(name: string, bytes: number): string {
  let n = name;
  while (Buffer.byteLength(n) > bytes) n = [...n].slice(0, -1).join('');
  return n;
}

/** A name of at most 63 bytes (PostgreSQL's limit; longer names are cut), built from hostile pieces. */
const hostileName = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .chain((base) =>
    fc.oneof(
      fc.constant(base),
      // Exactly 63 bytes: the longest name PostgreSQL keeps whole.
      fc.constant(base).map((b) => clip(b.padEnd(63, 'x'), 63)),
    ),
  )
  .filter((n) => Buffer.byteLength(n) <= 63 && n.trim() === n && n.length > 0);

interface Shape {
  readonly schema: string;
  readonly tables: readonly { readonly name: string; readonly columns: readonly string[] }[];
  readonly label: string;
}

const shape: fc.Arbitrary<Shape> = fc.record({
  schema: hostileName,
  tables: fc.uniqueArray(
    fc.record({ name: hostileName, columns: fc.uniqueArray(hostileName, { minLength: 1, maxLength: 3 }) }),
    { minLength: 1, maxLength: 3, selector: (t) => t.name },
  ),
  label: hostileName,
});

/** Before: the schema with its first table. After: every table, keys, an index, a foreign key, an enum and comments. */
function render(s: Shape): { before: string; after: string } {
  const sc = quoteIdent(s.schema);
  const q = (t: string) => `${sc}.${quoteIdent(t)}`;
  const table = (t: Shape['tables'][number]) =>
    `CREATE TABLE ${q(t.name)} (${t.columns.map((c, i) => `${quoteIdent(c)} ${i === 0 ? 'int PRIMARY KEY' : 'text'}`).join(', ')});`;
  const first = s.tables[0] as Shape['tables'][number];
  const before = [`CREATE SCHEMA ${sc};`, table(first)].join('\n');
  const rest = s.tables
    .slice(1)
    .flatMap((t) => [
      table(t),
      `CREATE INDEX ON ${q(t.name)} (${quoteIdent(t.columns[0] as string)});`,
      `ALTER TABLE ${q(t.name)} ADD FOREIGN KEY (${quoteIdent(t.columns[0] as string)}) REFERENCES ${q(first.name)};`,
    ]);
  const after = [
    `CREATE SCHEMA ${sc};`,
    table(first),
    ...rest,
    `CREATE TYPE ${sc}.${quoteIdent(`${clip(s.label, 61)}_e`)} AS ENUM (${quoteLiteral(clip(s.label, 62))}, ${quoteLiteral(`${clip(s.label, 62)}2`)});`,
    `COMMENT ON TABLE ${q(first.name)} IS ${quoteLiteral(s.label)};`,
    `COMMENT ON COLUMN ${q(first.name)}.${quoteIdent(first.columns[0] as string)} IS ${quoteLiteral(`${s.label} -- ;`)};`,
  ].join('\n');
  return { before, after };
}

describe('hostile identifiers', () => {
  let dev: DevDatabase;
  beforeAll(async () => {
    dev = await openServerDev();
  });
  afterAll(async () => dev?.dispose());

  it('round-trip whatever their names hold', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        const { before, after } = render(s);
        const canary = 'CREATE TABLE public.canary (id int);';
        await roundTrip(
          {
            name: `hostile ${++n}`,
            before: `${canary}\n${before}`,
            after: `${canary}\n${after}`,
            scope: { excludeSchemas: [] },
          },
          dev,
        );
      }),
      {
        numRuns: Number(process.env['SFM_HOSTILE_RUNS'] ?? 12),
        seed: Number(process.env['SFM_HOSTILE_SEED'] ?? 20261201),
        endOnFailure: true,
      },
    );
    expect(n).toBeGreaterThan(0);
  });
});
