// The migration directory's chained sum file names edited, removed, added and reordered files.
import { mkdtempSync, writeFileSync, unlinkSync, renameSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrations, verifySum, writeMigration, slugify } from '../../src/migrations/directory.js';
import { parseMigration, emptyMigration } from '../../src/migrations/format.js';

function threeMigrations() {
  const dir = mkdtempSync(join(tmpdir(), 'sfm-dir-'));
  const at = (d: number) => new Date(Date.UTC(2026, 0, d));
  const files = [1, 2, 3].map((d) =>
    writeMigration(dir, `m${d}`, emptyMigration().replace('-- +sfm up\n', `-- +sfm up\nSELECT ${d};\n`), at(d)),
  );
  return { dir, files };
}

describe('migration directory', () => {
  it('accepts an untouched directory', () => {
    const { dir } = threeMigrations();
    expect(() => verifySum(dir, readMigrations(dir))).not.toThrow();
  });
  it('names an edited file', () => {
    const { dir, files } = threeMigrations();
    writeFileSync(files[1]!.path, readFileSync(files[1]!.path, 'utf8') + '\n-- edited');
    expect(() => verifySum(dir, readMigrations(dir))).toThrow(`migration ${files[1]!.file} was edited`);
  });
  it('names a removed file', () => {
    const { dir, files } = threeMigrations();
    unlinkSync(files[2]!.path);
    expect(() => verifySum(dir, readMigrations(dir))).toThrow(
      `migration ${files[2]!.file} is listed in sfm.sum but its file was removed`,
    );
  });
  it('names a file added by hand', () => {
    const { dir } = threeMigrations();
    writeFileSync(join(dir, '20270101000000_extra.sql'), emptyMigration());
    expect(() => verifySum(dir, readMigrations(dir))).toThrow('migration 20270101000000_extra.sql is not in sfm.sum');
  });
  it('names reordered files', () => {
    const { dir, files } = threeMigrations();
    renameSync(files[0]!.path, join(dir, files[0]!.file.replace(/^\d{14}/, '20260102120000')));
    expect(() => verifySum(dir, readMigrations(dir))).toThrow(/removed or reordered/);
  });
  it('gives a later version when the clock has not moved on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfm-dir-'));
    const now = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));
    const a = writeMigration(dir, 'a', emptyMigration(), now);
    const b = writeMigration(dir, 'b', emptyMigration(), now);
    expect([a.version, b.version]).toEqual(['20261125120000', '20261125120001']);
  });
  it('slugs names and parses sections keeping line numbers', () => {
    expect(slugify('Add "Users" table!')).toBe('add_users_table');
    const m = parseMigration(
      'x.sql',
      '-- sfm-schema migration\n-- hazards: DELETES_DATA, INDEX_BUILD\n-- +sfm up\nSELECT 1;\n-- +sfm down\nSELECT 2;\n',
    );
    expect(m.hazards).toEqual(['DELETES_DATA', 'INDEX_BUILD']);
    expect(m.up.split('\n')[3]).toBe('SELECT 1;');
    expect(m.down.split('\n')[5]).toBe('SELECT 2;');
    expect(() => parseMigration('y.sql', 'SELECT 1;')).toThrow('y.sql: expected a "-- +sfm up" line');
  });
});
