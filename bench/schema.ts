// The synthetic schema the benchmarks share: n tables with an identity key, a foreign key to the previous table, an
// enum column, a check and a partial expression index; `variant` 1 adds a column to every tenth table.
export function schemaSql(n: number, variant: number): string {
  const out = [`CREATE TYPE status AS ENUM ('a', 'b', 'c');`];
  for (let i = 0; i < n; i++) {
    out.push(`CREATE TABLE t${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL${variant && i % 10 === 0 ? ', extra int' : ''},
      s status DEFAULT 'a', parent bigint ${i > 0 ? `REFERENCES t${i - 1} (id)` : ''}, created timestamptz DEFAULT now(), CHECK (length(name) < 200));`);
    out.push(`CREATE INDEX t${i}_name ON t${i} (lower(name)) WHERE s <> 'c';`);
  }
  return out.join('\n');
}

/**
 * The issue-9 shape, shared with the peers' benchmark: schema `app` with n tables (identity key, a foreign key to
 * the previous table, an enum column, 7 typed columns, 2 indexes), n/20 enums, n/10 views and n/10 functions.
 * `changed`: an enum value added to every fifth enum, a column to every tenth table, a second column to every
 * seventh second index, a filter to every fourth view, a new body to every third function.
 */
export function peerSchemaStatements(n: number, changed: boolean): string[] {
  const enums = Math.max(1, n / 20);
  const out = ['CREATE SCHEMA app;'];
  for (let e = 0; e < enums; e++)
    out.push(`CREATE TYPE app.e${e} AS ENUM ('a', 'b'${changed && e % 5 === 0 ? ", 'c'" : ''});`);
  const types = ['text', 'int', 'numeric', 'timestamptz', 'boolean', 'jsonb', 'bigint'];
  for (let i = 0; i < n; i++) {
    const cols = types.map((t, c) => `c${c} ${t}`);
    if (changed && i % 10 === 0) cols.push('extra text');
    out.push(
      `CREATE TABLE app.t${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parent bigint${i ? ` REFERENCES app.t${i - 1}` : ''}, kind app.e${i % enums}, ${cols.join(', ')});`,
    );
    out.push(
      `CREATE INDEX t${i}_c0 ON app.t${i} (c0);`,
      `CREATE INDEX t${i}_c1 ON app.t${i} (c1${changed && i % 7 === 0 ? ', c2' : ''});`,
    );
  }
  for (let v = 0; v < n / 10; v++)
    out.push(`CREATE VIEW app.v${v} AS SELECT id, c0 FROM app.t${v}${changed && v % 4 === 0 ? ' WHERE c1 > 0' : ''};`);
  for (let f = 0; f < n / 10; f++)
    out.push(
      `CREATE FUNCTION app.f${f}(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + ${changed && f % 3 === 0 ? 2 : 1}';`,
    );
  return out;
}

export const peerSchemaSql = (n: number, changed: boolean) => peerSchemaStatements(n, changed).join('\n');
