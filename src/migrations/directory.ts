// The migration directory: versioned files plus `sfm.sum`, a chained SHA-256 over them (each line's hash covers
// every earlier file), so an edited, removed, added or reordered file is named before anything runs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, IntegrityError } from '../errors.js';

const SUM_FILE = 'sfm.sum';
const NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  readonly version: string;
  readonly name: string;
  readonly file: string;
  readonly path: string;
  readonly text: string;
  readonly checksum: string;
}

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Commands that read migrations (apply, status, verify, lint, hash, diff migrations:DIR) refuse a folder that is not
 * there: a typo in CI must not pass as "nothing to apply". Only plan, which writes the first migration, may start
 * without one. */
export function requireMigrationsDir(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new ConfigError(
      `migrations folder ${dir} does not exist (pass --migrations DIR, or run \`sfm-schema plan\` to write the first migration)`,
    );
  }
  if (!isDir) throw new ConfigError(`migrations folder ${dir} is not a folder`);
}

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const [, version, name] = NAME.exec(file) ?? [];
      if (version === undefined || name === undefined) return [];
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version,
        name,
        file,
        path: join(dir, file),
        text,
        checksum: checksum(text),
      };
    });
}

function chainedLines(files: readonly MigrationFile[]): string[] {
  let prev = '';
  return files.map((f) => {
    prev = createHash('sha256').update(prev).update(f.file).update('\n').update(f.text).digest('hex');
    return `${f.file} h1:${prev}`;
  });
}

function sumText(files: readonly MigrationFile[]): string {
  const lines = chainedLines(files);
  const total = createHash('sha256').update(lines.join('\n')).digest('hex');
  return [`h1:${total}`, ...lines, ''].join('\n');
}

/** Throws naming the first file whose place in the chain no longer matches the sum file. */
export function verifySum(dir: string, files: readonly MigrationFile[]): void {
  const sumPath = join(dir, SUM_FILE);
  if (!existsSync(sumPath)) {
    if (files.length === 0) return;
    throw new IntegrityError(`${sumPath} is missing: migration files cannot be checked (re-plan or restore it)`);
  }
  const recorded = readFileSync(sumPath, 'utf8').split('\n').slice(1).filter(Boolean);
  const actual = chainedLines(files);
  const fileOf = (line: string) => line.split(' ')[0] ?? '';
  const recordedFiles = recorded.map(fileOf);
  const actualFiles = actual.map(fileOf);
  const gone = recordedFiles.filter((f) => !actualFiles.includes(f));
  const added = actualFiles.filter((f) => !recordedFiles.includes(f));
  // A file that left and one that came with the same name: its version (its place in the order) was changed.
  const slug = (f: string) => f.replace(/^\d{14}_/, '');
  const moved = gone.find((g) => added.some((a) => slug(a) === slug(g)));
  if (moved) {
    const to = added.find((a) => slug(a) === slug(moved));
    throw new IntegrityError(
      `migration files were removed or reordered: ${moved} is now ${to} (${SUM_FILE} expects ${moved})`,
    );
  }
  if (gone[0]) throw new IntegrityError(`migration ${gone[0]} is listed in ${SUM_FILE} but its file was removed`);
  if (added[0])
    throw new IntegrityError(
      `migration ${added[0]} is not in ${SUM_FILE}: it was added by hand (use \`sfm-schema create\` or re-plan)`,
    );
  const i = recorded.findIndex((line, n) => line !== actual[n]);
  if (i >= 0)
    throw new IntegrityError(
      `migration ${actualFiles[i]} was edited after it was written (checksum differs from ${SUM_FILE})`,
    );
}

export function utcStamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  return `${date}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'migration'
  );
}

/** Writes a new migration with a version later than every existing one (or exactly `version`, for a squash that
 * takes the place of the migrations it replaces), and rewrites the sum file. */
/** The version a migration written now gets: the UTC time, later than every existing one. */
function nextVersion(dir: string, now = new Date()): string {
  const existing = existsSync(dir) ? readMigrations(dir) : [];
  let t = now.getTime();
  const last = existing[existing.length - 1]?.version;
  while (last !== undefined && utcStamp(new Date(t)) <= last) t += 1000;
  return utcStamp(new Date(t));
}

export function writeMigration(
  dir: string,
  name: string,
  text: string,
  now = new Date(),
  version?: string,
): MigrationFile {
  mkdirSync(dir, { recursive: true });
  const existing = readMigrations(dir);
  verifySum(dir, existing);
  const stamp = version ?? nextVersion(dir, now);
  if (existing.some((f) => f.version === stamp))
    throw new IntegrityError(`a migration with version ${stamp} already exists in ${dir}`);
  const file = `${stamp}_${slugify(name)}.sql`;
  writeFileSync(join(dir, file), text);
  const all = readMigrations(dir);
  writeFileSync(join(dir, SUM_FILE), sumText(all));
  const written = all.find((m) => m.file === file);
  if (!written) throw new IntegrityError(`${join(dir, file)} was written but cannot be read back`);
  return written;
}

/** Writes the sum file anew from the files as they are (after a deliberate edit of a hand-written migration). */
export function rehash(dir: string): MigrationFile[] {
  requireMigrationsDir(dir);
  const all = readMigrations(dir);
  writeFileSync(join(dir, SUM_FILE), sumText(all));
  return all;
}

/** A migration folder opened once for a workflow: its files read and their sums verified once, until it writes. */
export interface MigrationDir {
  readonly path: string;
  /** The files, in version order, vouched for by the sum file (an absent folder has none). */
  files(): readonly MigrationFile[];
  /** The version a migration written now gets. */
  nextVersion(now?: Date): string;
  write(name: string, text: string, now?: Date, version?: string): MigrationFile;
}

export function openMigrationDir(path: string): MigrationDir {
  let files: MigrationFile[] | undefined;
  return {
    path,
    files() {
      if (files) return files;
      const read = readMigrations(path);
      verifySum(path, read);
      files = read;
      return files;
    },
    nextVersion: (now) => nextVersion(path, now),
    write(name, text, now = new Date(), version) {
      files = undefined;
      return writeMigration(path, name, text, now, version);
    },
  };
}

/** The history as a cache key sees it: every file's version and checksum. */
export const historyKeyParts = (dir: MigrationDir): string[] => dir.files().map((f) => `${f.version} ${f.checksum}`);
