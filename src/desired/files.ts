// Finds the desired-state files: one file, or every .sql/.yaml/.yml file under a folder, sorted by path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SfmError } from '../errors.js';

export interface SourceFile {
  /** Path as shown in messages (relative to the working directory). */
  readonly path: string;
  readonly text: string;
}

const EXTENSIONS = /\.(sql|ya?ml)$/i;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : EXTENSIONS.test(e.name) ? [join(dir, e.name)] : [],
  );
}

export function readSourceFiles(path: string): SourceFile[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new SfmError(`schema path ${path} does not exist`, { cause: err });
  }
  const files = stat.isDirectory() ? walk(path).sort() : [path];
  return files.map((f) => ({ path: relative(process.cwd(), f) || f, text: readFileSync(f, 'utf8') }));
}
