// Desired state from SQL: every file is parsed first (no database is touched on a syntax error), then the files
// run in path order on the dev database, which is then read back into the model.
import type { Queryable } from '../db/queryable.js';
import { LocatedError, SfmError, locate } from '../errors.js';
import { ensureParser, parseFile, createdExtensions, type ParsedStatement } from '../sql/parse.js';
import type { SourceFile } from './files.js';

export interface ParsedSource {
  readonly file: SourceFile;
  readonly statements: readonly ParsedStatement[];
}

export async function parseSources(files: readonly SourceFile[]): Promise<ParsedSource[]> {
  await ensureParser();
  const out: ParsedSource[] = [];
  for (const file of files) {
    if (!file.path.toLowerCase().endsWith('.sql')) {
      throw new SfmError(`${file.path}: only .sql desired-state files are supported so far`);
    }
    out.push({ file, statements: parseFile(file.path, file.text) });
  }
  return out;
}

export function extensionsOf(sources: readonly ParsedSource[]): string[] {
  return sources.flatMap((s) => createdExtensions(s.statements));
}

/** A PostgreSQL error position (1-based, characters of the sent text), if the error has one. */
function errorPosition(err: unknown): number | undefined {
  const p = (err as { position?: string | number }).position;
  return p === undefined || p === null || p === '' ? undefined : Number(p);
}

/** Runs each file as one script; an error is reported at its place in the file. */
export async function executeSources(db: Queryable, sources: readonly ParsedSource[]): Promise<void> {
  for (const { file, statements } of sources) {
    for (const stmt of statements) {
      try {
        await db.exec(stmt.sql);
      } catch (err) {
        const pos = errorPosition(err);
        const at = stmt.offset + (pos !== undefined ? pos - 1 : 0);
        throw new LocatedError(locate(file.path, file.text, at), (err as Error).message, { cause: err });
      }
    }
  }
}
