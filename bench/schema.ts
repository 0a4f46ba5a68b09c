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
