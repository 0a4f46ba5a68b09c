// A migration section cut into segments: runs of ordinary statements share one transaction; a statement marked
// no-transaction runs alone. apply runs segments; lint checks them; both cut them here.
import { ensureParser, parseFile, type ParsedStatement } from '../sql/parse.js';
import { BACKFILL, NEW_TRANSACTION, NO_TRANSACTION } from './format.js';

export interface SectionSource {
  readonly file: string;
  /** The section text, padded so that offsets are those of the file. */
  readonly sql: string;
}

export interface Statement extends ParsedStatement {
  readonly n: number;
}

export interface Segment {
  readonly transactional: boolean;
  readonly statements: readonly Statement[];
  /** One UPDATE run in key batches (exec/backfill.ts). */
  readonly backfill?: boolean;
}

/** Cuts a section into segments, in file order. */
export async function segmentsOf(src: SectionSource): Promise<Segment[]> {
  await ensureParser();
  const statements = parseFile(src.file, src.sql);
  const segments: { transactional: boolean; statements: Statement[]; backfill?: boolean }[] = [];
  statements.forEach((s, i) => {
    const prev = statements[i - 1];
    const before = src.sql.slice(prev ? prev.offset + prev.sql.length : 0, s.offset);
    const outside = before.includes(NO_TRANSACTION);
    const last = segments[segments.length - 1];
    const stmt = { ...s, n: i + 1 };
    if (before.includes(BACKFILL)) segments.push({ transactional: false, statements: [stmt], backfill: true });
    else if (!outside && last?.transactional && !before.includes(NEW_TRANSACTION)) last.statements.push(stmt);
    else segments.push({ transactional: !outside, statements: [stmt] });
  });
  return segments;
}
