// Desired state from SQL and YAML files: every file is parsed first (no database is touched on a syntax or YAML
// error), then the statements run on the dev database, which is then read back into the model.
//
// Files may refer to objects of files that come later: the statements run in rounds (exec/batches.ts).
import type { Queryable } from '../db/queryable.js';
import { runInRounds } from '../exec/batches.js';
import { locate, LocatedError } from '../errors.js';
import { outsideEffect, skipped } from '../sql/outside.js';
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
  const sources = files.map((file): ParsedSource => {
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
  refuseOutside(sources);
  return sources;
}

/** Statements that would change more than the dev database (sql/outside.ts): refused before any database is used. */
function refuseOutside(sources: readonly ParsedSource[]): void {
  const found = sources.flatMap((src) =>
    src.statements.flatMap((s) => {
      const why = outsideEffect(s.tree);
      return why ? [{ at: s.locate(), why }] : [];
    }),
  );
  const [first, ...more] = found;
  if (!first) return;
  const others = more.map((f) => `\n  ${f.at.file}:${f.at.line}:${f.at.column}: ${f.why}`).join('');
  throw new LocatedError(
    first.at,
    `${first.why}. A desired state runs on a dev database, which may be on the target's own server: it holds what ` +
      `one database holds, nothing was run${others ? `; also:${others}` : ''}`,
  );
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

export async function executeSources(db: Queryable, sources: readonly ParsedSource[]): Promise<void> {
  await runInRounds(
    db,
    sources.flatMap((s) => s.statements.filter((st) => !skipped(st.tree))),
  );
}
