// Typed errors: the CLI turns each into one clear message and exit code 1.

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export class SfmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input with a place in a file: `file:line:column: message`. */
export class LocatedError extends SfmError {
  constructor(
    readonly location: SourceLocation,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${location.file}:${location.line}:${location.column}: ${detail}`, options);
  }
}

export class PlanError extends SfmError {}
export class MigrationError extends SfmError {}
export class IntegrityError extends SfmError {}
export class HazardError extends SfmError {}
export class ConfigError extends SfmError {}

/** A database given as the dev database that is not a scratch one (or is a target). */
export class DevDatabaseError extends SfmError {
  readonly database: string;
  readonly holds: readonly string[];
  constructor(message: string, fields: { database: string; holds: readonly string[] }, options?: { cause?: unknown }) {
    super(message, options);
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
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

/** Removes a password from anything that might hold a connection URL. */
export function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:@\/\s]*:)[^@\s]*@/gi, '$1***@');
}
