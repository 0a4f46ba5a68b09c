// Finds the desired-state files: one file, or every .sql/.yaml/.yml file under a folder, sorted by path, except the
// folder's `_custom/` scripts, which are read apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SfmError } from '../errors.js';

export interface SourceFile {
  /** Path as shown in messages (relative to the working directory). */
  readonly path: string;
  readonly text: string;
}

const EXTENSIONS = /\.(sql|ya?ml)$/i;

/** The folder of raw DDL for objects no kind manages: run as written, never part of the desired state's model. */
const CUSTOM_FOLDER = '_custom';

function walk(dir: string, pattern = EXTENSIONS, skip?: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === skip
        ? []
        : walk(join(dir, e.name), pattern)
      : pattern.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

const read = (files: readonly string[]): SourceFile[] =>
  files.map((f) => ({ path: relative(process.cwd(), f) || f, text: readFileSync(f, 'utf8') }));

/** The `.sql` files of the schema folder's `_custom/` folder, in path order (none for a file or without one). */
export function readCustomScripts(path: string): SourceFile[] {
  const dir = join(path, CUSTOM_FOLDER);
  try {
    if (!statSync(dir).isDirectory()) return [];
  } catch {
    return [];
  }
  return read(walk(dir, /\.sql$/i).sort());
}

export function readSourceFiles(path: string): SourceFile[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new SfmError(`schema path ${path} does not exist`, { cause: err });
  }
  return read(stat.isDirectory() ? walk(path, EXTENSIONS, CUSTOM_FOLDER).sort() : [path]);
}
