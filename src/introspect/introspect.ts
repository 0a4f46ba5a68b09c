// Reads a live catalog into the model: one query per object kind and one for what no kind manages, all in one
// read-only transaction with an empty search_path so that every name outside pg_catalog prints schema-qualified,
// identically on every server.
import type { Queryable } from '../db/queryable.js';
import { inTransaction } from '../db/queryable.js';
import type { Scope } from '../model/scope.js';
import { KINDS } from '../objects/registry.js';
import { readCatalogRefs } from '../objects/shared/depends.js';
import { makeModel, type DbObject, type Model, type UnmanagedObject } from '../model/model.js';
import { SfmError, messageOf } from '../errors.js';
import { readUnmanaged } from './coverage.js';

const COVERED = KINDS.flatMap((k) => k.covers ?? []);

export async function introspect(db: Queryable, scope: Scope): Promise<Model> {
  try {
    return await inTransaction(db, async () => {
      // JIT compiles the catalog queries' many subplans for longer than they run (0.6 s of a 0.9 s query at 1,000 tables).
      await db.exec(`SET TRANSACTION READ ONLY; SET LOCAL search_path = ''; SET LOCAL jit = off`);
      const refs = await readCatalogRefs(db);
      const objects: DbObject[] = [];
      for (const kind of KINDS) objects.push(...(await kind.introspect(db, scope, refs)));
      return makeModel(objects, await readUnmanaged(db, scope, refs, COVERED));
    });
  } catch (err) {
    throw new SfmError(`reading the catalog of ${db.description} failed: ${messageOf(err)}`, { cause: err });
  }
}

/** Only what no kind manages (status: the target's coverage without reading every kind). */
export async function introspectUnmanaged(db: Queryable, scope: Scope): Promise<readonly UnmanagedObject[]> {
  try {
    return await inTransaction(db, async () => {
      await db.exec(`SET TRANSACTION READ ONLY; SET LOCAL search_path = ''; SET LOCAL jit = off`);
      return readUnmanaged(db, scope, await readCatalogRefs(db), COVERED);
    });
  } catch (err) {
    throw new SfmError(`reading the catalog of ${db.description} failed: ${messageOf(err)}`, { cause: err });
  }
}
