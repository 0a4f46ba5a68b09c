// YAML desired state against the real dev database: the same schema in SQL and YAML gives the same model; YAML and
// SQL files refer to each other in any order; errors of the database point at the YAML line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevDatabase } from '../../src/dev-db/dev-db.js';
import { loadDesired } from '../../src/desired/desired.js';
import { extensionsOf, parseSources } from '../../src/desired/load-sql.js';
import { openServerDev } from '../support/roundtrip.js';
import { createDatabase, ensureRole } from '../support/db.js';
import { introspect } from '../../src/introspect/introspect.js';
import { modelToYaml } from '../../src/desired/yaml/yaml-export.js';
import { plan } from '../../src/plan/plan.js';

let dev: DevDatabase;
beforeAll(async () => {
  await ensureRole('sfm_reader');
  dev = await openServerDev();
});
afterAll(async () => dev?.dispose());

const scope = { excludeSchemas: [] };
async function modelOf(files: Record<string, string>) {
  const sources = await parseSources(Object.entries(files).map(([path, text]) => ({ path, text })));
  return loadDesired(dev, { sources, extensions: extensionsOf(sources) }, scope);
}

const SQL = `
CREATE SCHEMA sfm;
COMMENT ON SCHEMA sfm IS 'graph';
CREATE TYPE sfm.kind AS ENUM ('actor', 'institution');
CREATE DOMAIN sfm.certainty AS numeric(4,3) DEFAULT 0.5 NOT NULL CONSTRAINT certainty_range CHECK (VALUE >= 0 AND VALUE <= 1);
CREATE SEQUENCE sfm.ticket AS integer START WITH 100 INCREMENT BY 5;
CREATE FUNCTION sfm.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TABLE sfm.node (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind sfm.kind NOT NULL,
  name text NOT NULL COLLATE "C",
  props jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(props) = 'object'),
  weight numeric GENERATED ALWAYS AS ((props->>'w')::numeric) STORED,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, name)
);
COMMENT ON TABLE sfm.node IS 'a node';
COMMENT ON COLUMN sfm.node.name IS 'display name';
CREATE TABLE sfm.edge (
  source bigint NOT NULL,
  target bigint NOT NULL,
  certainty sfm.certainty,
  CONSTRAINT no_self_loop CHECK (source <> target),
  PRIMARY KEY (source, target)
);
ALTER TABLE sfm.edge ADD FOREIGN KEY (source) REFERENCES sfm.node (id) ON DELETE CASCADE;
ALTER TABLE sfm.edge ADD CONSTRAINT edge_target FOREIGN KEY (target) REFERENCES sfm.node (id) ON DELETE CASCADE;
CREATE INDEX node_props ON sfm.node USING gin (props);
CREATE INDEX node_lower_name ON sfm.node USING btree ((lower(name)) DESC NULLS LAST) INCLUDE (kind) WHERE (kind = 'actor');
CREATE TRIGGER node_touch BEFORE UPDATE ON sfm.node FOR EACH ROW EXECUTE FUNCTION sfm.touch();
ALTER TABLE sfm.node ENABLE ROW LEVEL SECURITY;
CREATE POLICY node_read ON sfm.node AS PERMISSIVE FOR SELECT TO sfm_reader USING (kind = 'actor');
GRANT SELECT, INSERT ON TABLE sfm.node TO sfm_reader;
CREATE VIEW sfm.actors AS SELECT id, name FROM sfm.node WHERE kind = 'actor';
CREATE MATERIALIZED VIEW sfm.degree AS SELECT source, count(*) AS n FROM sfm.edge GROUP BY source;
CREATE UNIQUE INDEX degree_source ON sfm.degree USING btree (source);
`;

const YAML = `
schema: sfm
schemas:
  - name: sfm
    comment: graph
enums:
  - name: kind
    values: [actor, institution]
domains:
  - name: certainty
    type: numeric(4,3)
    default: "0.5"
    notNull: true
    checks:
      - name: certainty_range
        expression: VALUE >= 0 AND VALUE <= 1
sequences:
  - name: ticket
    type: integer
    start: 100
    increment: 5
functions:
  - name: touch
    returns: trigger
    language: plpgsql
    body: " BEGIN NEW.updated_at := now(); RETURN NEW; END "
tables:
  - name: node
    comment: a node
    columns:
      - { name: id, type: bigint, identity: always, primaryKey: true }
      - { name: kind, type: sfm.kind, nullable: false }
      - { name: name, type: text, nullable: false, collation: C, comment: display name }
      - name: props
        type: jsonb
        nullable: false
        default: "'{}'::jsonb"
        check: jsonb_typeof(props) = 'object'
      - { name: weight, type: numeric, generated: "(props->>'w')::numeric" }
      - { name: updated_at, type: timestamptz, nullable: false, default: now() }
    uniques:
      - columns: [kind, name]
    indexes:
      - { name: node_props, method: gin, columns: [props] }
      - name: node_lower_name
        columns: [{ expression: lower(name), order: desc, nulls: last }]
        include: [kind]
        where: kind = 'actor'
    triggers:
      - { name: node_touch, timing: before, events: [update], function: sfm.touch }
    rowLevelSecurity: true
    policies:
      - { name: node_read, command: select, roles: [sfm_reader], using: "kind = 'actor'" }
    grants:
      - { role: sfm_reader, privileges: [select, insert] }
  - name: edge
    columns:
      - { name: source, type: bigint, nullable: false, references: { table: node, columns: [id], onDelete: cascade } }
      - { name: target, type: bigint, nullable: false }
      - { name: certainty, type: sfm.certainty }
    primaryKey: [source, target]
    checks:
      - { name: no_self_loop, expression: source <> target }
    foreignKeys:
      - { name: edge_target, columns: [target], references: { table: node, columns: [id], onDelete: cascade } }
views:
  - name: actors
    query: SELECT id, name FROM sfm.node WHERE kind = 'actor'
  - name: degree
    materialized: true
    query: SELECT source, count(*) AS n FROM sfm.edge GROUP BY source
    indexes:
      - { name: degree_source, unique: true, columns: [source] }
`;

describe('YAML desired state', () => {
  it('the SQL and YAML forms of the same schema give identical models', async () => {
    const fromSql = await modelOf({ 'schema/s.sql': SQL });
    const fromYaml = await modelOf({ 'schema/s.yaml': YAML });
    expect(fromSql.objects.length).toBeGreaterThan(20);
    expect(fromYaml).toEqual(fromSql);
  });

  it('inspect --format yaml writes files that load back to the same model (empty plan)', async () => {
    const db = await createDatabase(`${SQL}
      CREATE TABLE sfm.measure (at date NOT NULL, v float8, id bigint GENERATED BY DEFAULT AS IDENTITY (START 10 MAXVALUE 99999 CACHE 5 CYCLE)) PARTITION BY RANGE (at);
      CREATE TABLE sfm.measure_2026 PARTITION OF sfm.measure FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
      CREATE TABLE sfm.base (a int); CREATE TABLE sfm.child (b int) INHERITS (sfm.base);
      CREATE VIEW sfm.secure WITH (security_barrier) AS SELECT 1 AS one;
      ALTER TABLE sfm.node ALTER COLUMN props SET STORAGE MAIN;
      CREATE UNLOGGED TABLE sfm.cache ("Key" text COLLATE "POSIX" PRIMARY KEY, "odd""name" int);`);
    try {
      const live = await introspect(db.db, scope);
      const yaml = modelToYaml(live);
      expect(yaml).toContain('tables:');
      expect(yaml).toMatch(/- name: node\n {4}schema: sfm\n {4}columns:/);
      const loaded = await modelOf({ 'schema/inspected.yaml': yaml });
      expect(plan(live, loaded).steps.map((x) => x.statements)).toEqual([]);
      expect(loaded).toEqual(live);
    } finally {
      await db.drop();
    }
  });

  it('YAML and SQL files refer to each other, in any order', async () => {
    const model = await modelOf({
      'schema/a_views.sql': 'CREATE VIEW v AS SELECT id, label FROM t;',
      'schema/b_table.yaml':
        'tables:\n  - name: t\n    columns:\n      - { name: id, type: int, primaryKey: true }\n      - { name: label, type: labels }\n',
      'schema/c_types.sql': "CREATE TYPE labels AS ENUM ('x', 'y');\nCOMMENT ON VIEW v IS 'late';",
    });
    expect(model.objects.map((o) => o.id)).toEqual(
      expect.arrayContaining(['view:public.v', 'table:public.t', 'type:public.labels']),
    );
  });

  it('an unknown type is reported at the YAML line of the column', async () => {
    const err = await modelOf({
      'schema/t.yaml':
        'tables:\n  - name: t\n    columns:\n      - { name: id, type: int }\n      - name: k\n        type: no_such_type\n',
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe('schema/t.yaml:6:15: type "no_such_type" does not exist');
  });

  it('a statement whose dependency never comes is reported with its real error and place', async () => {
    const err = await modelOf({
      'schema/a.sql': 'CREATE TABLE a (id int);\nCREATE VIEW v AS SELECT * FROM missing;',
      'schema/b.sql': 'CREATE TABLE b (id int);',
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe('schema/a.sql:2:32: relation "missing" does not exist');
  });
});
