// Round trips with rows: declared conversions and drops that keep the data (issue 12), sequence positions (issue 22).
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGroups } from './run-groups.js';
import { archiveCases, conversionCases } from './cases/data.js';
import { positionCases } from './cases/positions.js';
import { planMigration, PlanError } from '../../src/index.js';
import { useDatabases } from '../support/db.js';

runGroups({
  'declared conversions': conversionCases,
  'drops that keep the data': archiveCases,
  'sequence positions travel with the plan': positionCases,
});

const database = useDatabases();

describe('a type change with no cast', () => {
  it('stops the plan before writing, saying how to declare the conversion; declared, it plans', async () => {
    const d = await database('CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-cast-'));
    mkdirSync(join(dir, 'schema'));
    const migrations = join(dir, 'migrations');
    writeFileSync(
      join(dir, 'schema', 'events.sql'),
      'CREATE TABLE events (id int PRIMARY KEY, at timestamp NOT NULL);',
    );
    const err = await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, url: d.url }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlanError);
    expect((err as Error).message).toMatch(
      /column public\.events\.at changes from bigint to timestamp without time zone.*-- sfm:using/,
    );
    expect((err as Error).message).toContain('cannot cast type bigint to timestamp without time zone');
    expect(existsSync(migrations) ? readdirSync(migrations).filter((f) => f.endsWith('.sql')) : []).toEqual([]);

    writeFileSync(
      join(dir, 'schema', 'events.sql'),
      'CREATE TABLE events (\n  id int PRIMARY KEY,\n  at timestamp NOT NULL -- sfm:using to_timestamp(at)\n);',
    );
    const err2 = await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, url: d.url }).catch(
      (e: unknown) => e,
    );
    expect((err2 as Error).message, 'the way back needs declaring too').toMatch(
      /and back in the down steps.*sfm:using-down/,
    );

    writeFileSync(
      join(dir, 'schema', 'events.sql'),
      'CREATE TABLE events (\n  id int PRIMARY KEY,\n  -- sfm:using-down extract(epoch FROM at)::bigint\n  at timestamp NOT NULL -- sfm:using to_timestamp(at)\n);',
    );
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: migrations, url: d.url });
    expect(p.steps.flatMap((s) => s.statements)).toContain('ANALYZE "public"."events" ("at")');
    expect(p.migration?.text).toContain('USING (to_timestamp(at))');
  });

  it('takes the conversion from YAML using:, both ways', async () => {
    const d = await database(
      'CREATE TABLE events (id int PRIMARY KEY, at bigint NOT NULL); INSERT INTO events VALUES (1, 86400);',
    );
    const dir = mkdtempSync(join(tmpdir(), 'sfm-cast-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 'events.yaml'),
      [
        'tables:',
        '  - name: events',
        '    columns:',
        '      - { name: id, type: int, primaryKey: true }',
        '      - name: at',
        '        type: timestamptz',
        '        nullable: false',
        '        using: { up: to_timestamp(at), down: "extract(epoch FROM at)::bigint" }',
        '',
      ].join('\n'),
    );
    const p = await planMigration({ schema: join(dir, 'schema'), migrationsDir: join(dir, 'm'), url: d.url });
    expect(p.steps.flatMap((s) => s.statements)).toContain(
      'ALTER TABLE "public"."events" ALTER COLUMN "at" TYPE timestamp with time zone USING (to_timestamp(at))',
    );
    expect(p.down.flatMap((s) => s.statements)).toContain(
      'ALTER TABLE "public"."events" ALTER COLUMN "at" TYPE bigint USING (extract(epoch FROM at)::bigint)',
    );
  });

  it('refuses a declared conversion that is not one expression, at its place', async () => {
    const d = await database('CREATE TABLE t (a bigint);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-cast-'));
    mkdirSync(join(dir, 'schema'));
    writeFileSync(
      join(dir, 'schema', 't.sql'),
      'CREATE TABLE t (\n  a timestamp -- sfm:using 1); DROP TABLE x; --\n);',
    );
    const err = await planMigration({ schema: join(dir, 'schema'), migrationsDir: join(dir, 'm'), url: d.url }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/t\.sql:2:15: sfm:using: expected a single SQL expression/);
  });
});
