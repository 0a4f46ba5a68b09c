// Which desired-state statements set what no plan carries: from the real parser's trees.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureParser, parseFile } from '../../../src/sql/parse.js';
import { unmodelled } from '../../../src/sql/unmodelled.js';

const found = (sql: string) => parseFile('s.sql', sql).map((s) => unmodelled(s.tree));

describe('statements the model does not hold', () => {
  beforeAll(ensureParser);

  it('names owners, access methods, tablespaces, clustering, labels, roles and rows', () => {
    expect(
      found(`ALTER TABLE t OWNER TO bob;
        ALTER TABLE t SET ACCESS METHOD heap, ADD COLUMN c int;
        ALTER TABLE t SET TABLESPACE pg_default, CLUSTER ON t_a;
        ALTER FUNCTION f() OWNER TO bob;
        CREATE SCHEMA s AUTHORIZATION bob;
        SECURITY LABEL ON TABLE t IS 'x';
        INSERT INTO t VALUES (1);
        GRANT r TO bob;`),
    ).toEqual([
      ['ownership (OWNER TO)'],
      ['a table access method (SET ACCESS METHOD)'],
      ['a tablespace (SET TABLESPACE)', 'a clustering index (CLUSTER ON)'],
      ['ownership (OWNER TO)'],
      ['ownership (CREATE SCHEMA … AUTHORIZATION)'],
      ['a security label (SECURITY LABEL)'],
      ['rows (INSERT: a desired state holds the schema, not data)'],
      ['a role membership (GRANT role TO role)'],
    ]);
  });

  it('leaves what the model compares alone', () => {
    expect(
      found(`CREATE TABLE t (a int); CREATE SCHEMA s; ALTER TABLE t ADD COLUMN b int, ALTER COLUMN a SET NOT NULL;
        ALTER TABLE t SET (fillfactor = 70); ALTER TABLE t ENABLE ROW LEVEL SECURITY; GRANT SELECT ON t TO bob;
        COMMENT ON TABLE t IS 'x'; ALTER TABLE t DISABLE TRIGGER tr;
        ALTER TABLE t ALTER COLUMN a SET STATISTICS 1000, ALTER COLUMN a SET COMPRESSION pglz;`),
    ).toEqual([[], [], [], [], [], [], [], [], []]);
  });
});
