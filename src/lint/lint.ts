// `lint`: migration files checked without a database. Syntax by the real parser (file:line:column), the section
// layout, and hazards found in the parse tree: a hazard the file's header does not declare is an error (apply
// trusts the header to decide what to refuse); a declared one is a note.
import type { Hazard } from '../model/hazard.js';
import { LocatedError, SfmError, locate } from '../errors.js';
import { parseMigration } from '../migrations/format.js';
import { segmentsOf } from '../migrations/segments.js';
import { ruleHits, type LintState } from './rules.js';

export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'note';
  readonly rule: string;
  readonly hazard?: Hazard;
  readonly message: string;
}

export async function lintMigration(file: string, text: string): Promise<LintFinding[]> {
  let m;
  try {
    m = parseMigration(file, text);
  } catch (err) {
    return [
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'layout',
        message: (err as SfmError).message.replace(`${file}: `, ''),
      },
    ];
  }
  const findings: LintFinding[] = [];
  const sections = [
    { name: 'up', sql: m.up, declared: m.hazards },
    { name: 'down', sql: m.down, declared: m.downHazards },
  ];
  for (const section of sections) {
    const state: LintState = {
      createdTables: new Set(),
      notNullChecks: new Map(),
      validated: new Set(),
      archivedColumns: new Set(),
    };
    let segments;
    try {
      segments = await segmentsOf({ file, sql: section.sql });
    } catch (err) {
      if (!(err instanceof LocatedError)) throw err;
      findings.push({ ...err.location, severity: 'error', rule: 'syntax', message: err.detail });
      continue;
    }
    for (const seg of segments) {
      for (const stmt of seg.statements) {
        const at = locate(file, section.sql, stmt.offset);
        for (const hit of ruleHits(stmt, seg.transactional, state)) {
          const declared = hit.hazard !== undefined && section.declared.includes(hit.hazard);
          const severity =
            hit.rule === 'concurrently-in-transaction'
              ? 'error'
              : hit.hazard === undefined
                ? 'warning'
                : declared
                  ? 'note'
                  : 'error';
          const why =
            hit.hazard === undefined
              ? ''
              : declared
                ? ` [${hit.hazard}, declared]`
                : ` [${hit.hazard}, not declared in the ${section.name === 'up' ? '"-- hazards:"' : '"-- down-hazards:"'} header line]`;
          findings.push({
            file,
            line: at.line,
            column: at.column,
            severity,
            rule: hit.rule,
            ...(hit.hazard ? { hazard: hit.hazard } : {}),
            message: `${hit.message}${why}`,
          });
        }
      }
    }
  }
  return findings;
}
