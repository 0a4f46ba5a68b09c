// Typed errors: the CLI turns each into one clear message and exit code 1.

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Machine-readable facts about an error, printed by `--json` beside the message. */
/** A session a migration would queue behind (exec/preflight.ts), as the preflight reports it. */
export interface BlockingSession {
  readonly pid: number;
  readonly application: string;
  readonly state: string;
  /** Age of its transaction. */
  readonly transactionMs: number;
  readonly relation: string;
  readonly mode: string;
  readonly granted: boolean;
}

export interface ErrorDetails {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Migration version, and the statement number inside its section. */
  readonly version?: string;
  readonly step?: number;
  /** PostgreSQL's SQLSTATE, when the server refused something. */
  readonly sqlstate?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  /** Objects of kinds not managed, under strict coverage (`type identity`). */
  readonly unmanaged?: readonly string[];
  /** Sessions a run refused to queue behind (the lock-queue preflight). */
  readonly sessions?: readonly BlockingSession[];
}

export class SfmError extends Error {
  readonly details: ErrorDetails;
  constructor(message: string, options?: { cause?: unknown; details?: ErrorDetails }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = { ...options?.details };
  }
}

/** Bad input with a place in a file: `file:line:column: message`. */
export class LocatedError extends SfmError {
  constructor(
    readonly location: SourceLocation,
    readonly detail: string,
    options?: { cause?: unknown; details?: ErrorDetails },
  ) {
    super(`${location.file}:${location.line}:${location.column}: ${detail}`, {
      ...options,
      details: { ...location, ...options?.details },
    });
  }
}

export class PlanError extends SfmError {}
/** The database could not be reached, did not exist, or refused the credentials. */
export class ConnectionError extends SfmError {}
export class MigrationError extends SfmError {}
export class IntegrityError extends SfmError {}
export class HazardError extends SfmError {}
/** Another run holds the migration lock. */
export class LockError extends SfmError {}
export class ConfigError extends SfmError {}

/** Objects of kinds sfm-schema does not manage, under strict coverage. */
export class CoverageError extends SfmError {
  readonly objects: readonly string[];
  constructor(message: string, objects: readonly string[]) {
    super(message, { details: { unmanaged: objects } });
    this.objects = objects;
  }
}

/** A database given as the dev database that is not a scratch one (or is a target). */
export class DevDatabaseError extends SfmError {
  readonly database: string;
  readonly holds: readonly string[];
  constructor(message: string, fields: { database: string; holds: readonly string[] }, options?: { cause?: unknown }) {
    super(message, { ...options, details: { database: fields.database } });
    this.database = fields.database;
    this.holds = fields.holds;
  }
}

/** Turns a 0-based character offset into a 1-based line and column. */
export function locate(file: string, text: string, offset: number): SourceLocation {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { file, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** libpg-query reports byte offsets into UTF-8; text positions are UTF-16 character offsets. */
export function byteToCharOffset(text: string, byteOffset: number): number {
  // Called for every statement and column of a file: the file's map is built once (re-encoding the text up to each
  // offset made loading a 1,000-table file take 12 s).
  if (lastText !== text) {
    lastText = text;
    lastMap = charOffsetsByByte(text);
  }
  const at = Math.max(0, Math.min(byteOffset, lastMap ? lastMap.length - 1 : text.length));
  return lastMap ? (lastMap[at] as number) : at;
}

let lastText: string | undefined;
let lastMap: Int32Array | null = null;

/** For each UTF-8 byte offset of `text`, the UTF-16 offset of the character it is in; null for ASCII text. */
function charOffsetsByByte(text: string): Int32Array | null {
  const size = Buffer.byteLength(text, 'utf8');
  if (size === text.length) return null;
  const map = new Int32Array(size + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    map.fill(i, b, b + n);
    b += n;
    if (pair) i++;
  }
  map[b] = text.length;
  return map;
}

/** The message of anything thrown (an Error's message, else its text). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Removes a password from anything that might hold a connection URL. */
export function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*:)[^@\s]*@/gi, '$1***@');
}

/** The SQLSTATE of the first error in a cause chain that has one. */
export function sqlStateOf(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, n = 0;
    e && n < 10;
    e = e.cause as typeof e, n++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Everything known about an error for `--json`: its own details plus the SQLSTATE of its cause. */
export function errorDetails(err: unknown): ErrorDetails & { type: string } {
  const sqlstate = sqlStateOf(err);
  const own = err instanceof SfmError ? err.details : {};
  return {
    type: err instanceof Error ? err.name : 'Error',
    ...own,
    ...(sqlstate && !own.sqlstate ? { sqlstate } : {}),
  };
}
