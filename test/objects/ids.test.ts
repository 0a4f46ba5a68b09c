// Object ids: one builder, parts escaped, the same in TypeScript and in the catalog queries' SQL.
import { describe, expect, it } from 'vitest';
import { columnKey, functionId, idPartsSql, objectId, tableId } from '../../src/objects/shared/ids.js';
import { useDatabases } from '../support/db.js';
import { introspect } from '../../src/introspect/introspect.js';

const database = useDatabases();

describe('object ids', () => {
  it('keep plain names readable and tell dotted names apart', () => {
    expect(tableId('public', 'users')).toBe('table:public.users');
    expect(tableId('a.b', 'c')).not.toBe(tableId('a', 'b.c'));
    expect(tableId('a.b', 'c')).toBe('table:a\\.b.c');
    expect(columnKey('a', 'b\\', 'c')).toBe('a.b\\\\.c');
    expect(objectId('comment:table column', 'public', 'users', 'FullName')).toBe(
      'comment:table column:public.users.FullName',
    );
    expect(functionId('s', 'f', 'integer, text')).toBe('function:s.f(integer, text)');
  });

  it('are built the same way in SQL', async () => {
    const d = await database();
    for (const parts of [
      ['public', 'users'],
      ['a.b', 'c'],
      ['a', 'b.c'],
      ['x\\y', 'z.'],
    ]) {
      const sql = `SELECT 'table:' || ${idPartsSql(...parts.map((_, i) => `$${i + 1}::text`))} AS id`;
      const [row] = await d.db.query<{ id: string }>(sql, parts);
      expect(row?.id).toBe(tableId(parts[0] as string, parts[1] as string));
    }
  });

  it('never collide in a real catalog, and a comment on a quoted mixed-case column names its parts', async () => {
    const d =
      await database(`CREATE SCHEMA "a.b"; CREATE SCHEMA a; CREATE TABLE "a.b".c (id int); CREATE TABLE a."b.c" (id int);
      CREATE TABLE public."Users" ("FullName" text); COMMENT ON COLUMN public."Users"."FullName" IS 'shown';
      CREATE INDEX ON "a.b".c (id); CREATE INDEX ON a."b.c" (id);`);
    const model = await introspect(d.db, { excludeSchemas: [] });
    const ids = model.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('table:a\\.b.c');
    expect(ids).toContain('table:a.b\\.c');
    expect(ids).toContain('comment:table column:public.Users.FullName');
    const index = model.objects.find((o) => o.id.startsWith('index:a.b\\.c')) as { owner?: string } | undefined;
    expect(index?.owner).toBe('table:a.b\\.c');
  });
});
