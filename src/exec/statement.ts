// The one place a statement of a migration, of the history or of the desired state is sent to a database, and the
// one error a refused statement becomes: a MigrationError at the statement's place, with PostgreSQL's words.
import type { Queryable } from '../db/queryable.js';
import { MigrationError, locate, sqlStateOf, type SourceLocation } from '../errors.js';
import type { SectionSource, Statement } from '../migrations/segments.js';

/** A statement with its place: `locate` turns a position of the server's error (1-based, in the statement's
 * text) into a place in its file. */
export interface LocatedSql {
  readonly sql: string;
  /** 1-based number in its section, when it has one (reported as the step of the error). */
  readonly n?: number;
  locate(position?: number): SourceLocation;
}

/** A statement of a section, located in it. */
export function inSection(src: SectionSource, stmt: Pick<Statement, 'sql' | 'offset'> & { n?: number }): LocatedSql {
  return {
    sql: stmt.sql,
    ...(stmt.n !== undefined ? { n: stmt.n } : {}),
    locate: (position) => locate(src.file, src.sql, stmt.offset + (position !== undefined ? position - 1 : 0)),
  };
}

/** A PostgreSQL error position (1-based, characters of the sent text), if the error has one. */
function errorPosition(err: unknown): number | undefined {
  const p = err instanceof Error && 'position' in err ? err.position : undefined;
  return p === undefined || p === null || p === '' ? undefined : Number(p);
}

/** How a refused statement is told: `what` leads the message (`statement 3 failed`); `echo` repeats the SQL. */
export interface Telling {
  readonly what?: string;
  readonly echo?: boolean;
  /** Place the error at the server's position inside the statement (else at its start). */
  readonly atPosition?: boolean;
}

export function statementError(stmt: LocatedSql, err: unknown, tell: Telling): MigrationError {
  const at = stmt.locate(tell.atPosition ? errorPosition(err) : undefined);
  const message = err instanceof Error ? err.message : String(err);
  const echo = tell.echo ? `\n  ${stmt.sql.split('\n').join('\n  ')}` : '';
  const sqlstate = sqlStateOf(err);
  return new MigrationError(
    `${at.file}:${at.line}:${at.column}: ${tell.what ? `${tell.what}: ` : ''}${message}${echo}`,
    {
      cause: err,
      details: {
        file: at.file,
        line: at.line,
        column: at.column,
        ...(stmt.n !== undefined ? { step: stmt.n } : {}),
        ...(sqlstate ? { sqlstate } : {}),
      },
    },
  );
}

/** Sends one statement; a refusal becomes the located error. */
export async function execStatement(db: Queryable, stmt: LocatedSql, tell: Telling): Promise<void> {
  try {
    await db.exec(stmt.sql);
  } catch (err) {
    throw statementError(stmt, err, tell);
  }
}
