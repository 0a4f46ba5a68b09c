// Desired state from SQL and YAML files: every file is parsed first (no database is touched on a syntax or YAML
// error), then the statements run on the dev database, which is then read back into the model.
//
// Files may refer to objects of files that come later: statements that fail are tried again in further rounds,
// each on its own (a failed statement changes nothing), until a round makes no progress; then the first remaining
// error is reported at its place. Before that, statements run in batches of one transaction each (see below).
import type { Queryable } from '../db/queryable.js';
import { BATCH_SIZE, batchable, tryBatch } from '../db/batch.js';
import { LocatedError, locate } from '../errors.js';
import { ensureParser, parseFile, createdExtensions } from '../sql/parse.js';
import type { SourceFile } from './files.js';
import { sqlRenames, type Rename } from './renames.js';
import { sqlConversions } from './conversions.js';
import type { Conversion } from '../model/conversion.js';
import { loadYaml, type LocatedStatement } from './yaml/load-yaml.js';

export interface ParsedSource {
  readonly file: SourceFile;
  readonly statements: readonly LocatedStatement[];
  readonly renames: readonly Rename[];
  readonly conversions: readonly Conversion[];
}

const isYaml = (path: string) => /\.ya?ml$/i.test(path);

export async function parseSources(files: readonly SourceFile[]): Promise<ParsedSource[]> {
  await ensureParser();
  return files.map((file) => {
    if (isYaml(file.path)) return { file, ...loadYaml(file.path, file.text) };
    const parsed = parseFile(file.path, file.text);
    const statements = parsed.map((s) => ({
      ...s,
      locate: (position?: number) =>
        locate(file.path, file.text, s.offset + (position !== undefined ? position - 1 : 0)),
    }));
    return {
      file,
      statements,
      renames: sqlRenames(file.path, file.text, parsed),
      conversions: sqlConversions(file.path, file.text, parsed),
    };
  });
}

export function extensionsOf(sources: readonly ParsedSource[]): string[] {
  return sources.flatMap((s) => createdExtensions(s.statements));
}

export function conversionsOf(sources: readonly ParsedSource[]): Conversion[] {
  return sources.flatMap((s) => s.conversions);
}

export function renamesOf(sources: readonly ParsedSource[]): Rename[] {
  return sources.flatMap((s) => s.renames);
}

/** A PostgreSQL error position (1-based, characters of the sent text), if the error has one. */
function errorPosition(err: unknown): number | undefined {
  const p = (err as { position?: string | number }).position;
  return p === undefined || p === null || p === '' ? undefined : Number(p);
}

export async function executeSources(db: Queryable, sources: readonly ParsedSource[]): Promise<void> {
  const all = sources.flatMap((s) => s.statements);
  // Batches while they succeed, in file order, which is what running the statements one by one would have done;
  // from the first batch that fails (an object of a later file, a statement that cannot run in a transaction) on,
  // one statement at a time. Transaction control of the files' own turns batches off.
  let done = 0;
  if (batchable(all)) {
    while (
      done < all.length &&
      (await tryBatch(
        db,
        all.slice(done, done + BATCH_SIZE).map((s) => s.sql),
      ))
    )
      done += BATCH_SIZE;
  }
  let pending = all.slice(done);
  while (pending.length > 0) {
    const failed: { stmt: LocatedStatement; err: unknown }[] = [];
    for (const stmt of pending) {
      try {
        await db.exec(stmt.sql);
      } catch (err) {
        failed.push({ stmt, err });
      }
    }
    if (failed.length === 0) return;
    if (failed.length === pending.length) {
      const first = failed[0] as { stmt: LocatedStatement; err: unknown };
      throw new LocatedError(first.stmt.locate(errorPosition(first.err)), (first.err as Error).message, {
        cause: first.err,
      });
    }
    pending = failed.map((f) => f.stmt);
  }
}
