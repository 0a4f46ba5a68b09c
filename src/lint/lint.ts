// `lint`: migration files checked without a database. Syntax by the real parser (file:line:column), the section
// layout, and the rules of catalog.ts on the parse tree: a hazard the file's header does not declare is an error
// (apply trusts the header to decide what to refuse); a declared one is a note; a rule without a hazard has its
// own severity, which the config may change (`lint: { rules: { type-json: off } }`). A comment
// `-- sfm:lint-ignore RULE[, RULE]` (or `all`) on the lines right above a statement silences those rules there.
import type { Hazard } from '../model/hazard.js';
import { LocatedError, SfmError, locate } from '../errors.js';
import { parseMigration } from '../migrations/format.js';
import { segmentsOf } from '../migrations/segments.js';
import { ruleHits, type LintState, type RuleHit } from './rules.js';
import type { ParsedStatement } from '../sql/parse.js';
import { hygieneHits } from './hygiene.js';
import { RULES, isRuleId, type Severity } from './catalog.js';
import { liveHits } from './live.js';
import { absentAt, constraintKey, sectionFacts, storageKeptAt, type SectionFacts } from './section.js';
import type { Queryable } from '../db/queryable.js';

export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly hazard?: Hazard;
  readonly message: string;
  /** How to fix it (catalog.ts). */
  readonly fix?: string;
}

/** Per rule: a severity other than its own, or `off`. */
export type RuleSettings = Readonly<Record<string, Severity | 'off'>>;

/** The rules a `-- sfm:lint-ignore` comment right above the statement at `offset` silences. */
function ignoredAt(sql: string, offset: number): Set<string> {
  const lines = sql.slice(0, offset).split('\n').slice(0, -1).reverse();
  const out = new Set<string>();
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith('--')) break;
    const m = /^--\s*sfm:lint-ignore\s+(.+)$/.exec(t);
    if (m) for (const r of (m[1] ?? '').split(/[\s,]+/)) if (r) out.add(r);
  }
  return out;
}

/** A hit's severity and what its message adds: what the header declares (a note; an undeclared hazard is an error,
 * since apply decides from the header what to refuse), or the step's word that the storage is kept or that the
 * suspected hazard does not occur (a note), or the rule's own severity as the config sets it. */
function judge(
  hit: RuleHit,
  section: { readonly name: string; readonly declared: readonly Hazard[] },
  settings: RuleSettings,
  kept: ReadonlySet<string>,
  absent: ReadonlySet<string>,
): { severity: Severity; why: string } {
  if (hit.rule === 'concurrently-in-transaction') return { severity: 'error', why: '' };
  if (hit.hazard !== undefined) {
    if (section.declared.includes(hit.hazard)) return { severity: 'note', why: ` [${hit.hazard}, declared]` };
    const header = section.name === 'up' ? '"-- hazards:"' : '"-- down-hazards:"';
    return { severity: 'error', why: ` [${hit.hazard}, not declared in the ${header} header line]` };
  }
  // The step says the storage is kept (plan measured it so): what the rule could only suspect is a note.
  if (hit.column !== undefined && kept.has(hit.column))
    return { severity: 'note', why: ' (the step says the storage is kept)' };
  if (hit.possible !== undefined && section.declared.includes(hit.possible))
    return { severity: 'note', why: ` [${hit.possible}, declared]` };
  // The step says why the hazard the rule suspects does not occur (plan writes `--   no HAZARD: why`); of a
  // column, only its own word counts (above).
  if (hit.possible !== undefined && hit.column === undefined && absent.has(hit.possible))
    return { severity: 'note', why: ` (the step says no ${hit.possible})` };
  const chosen = settings[hit.rule];
  const own = isRuleId(hit.rule) ? RULES[hit.rule].severity : 'warning';
  return { severity: chosen && chosen !== 'off' ? chosen : own, why: '' };
}

export async function lintMigration(
  file: string,
  text: string,
  settings: RuleSettings = {},
  target?: Queryable,
): Promise<LintFinding[]> {
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
  let upFacts: SectionFacts | undefined;
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
    const statements = segments.flatMap((g) => g.statements);
    const facts = sectionFacts(statements);
    if (section.name === 'up') upFacts = facts;
    /** A constraint dropped and added again, dropped with its table or one the section created, or (going down) one
     * the up section added: no guarantee the schema had is given up. */
    const noDrop = (hit: RuleHit) => {
      if (hit.constraint === undefined || hit.table === undefined) return false;
      const key = constraintKey(hit.table, hit.constraint);
      return (
        facts.addedConstraints.has(key) ||
        facts.droppedTables.has(hit.table) ||
        state.createdTables.has(hit.table) ||
        (section.name === 'down' && upFacts?.addedConstraints.has(key) === true)
      );
    };
    // The target is at the state before the migration: its rows say something of the up section only.
    const live =
      target && section.name === 'up' ? await liveHits(target, statements) : new Map<ParsedStatement, RuleHit[]>();
    // An online migration's contract runs once the old application version is gone: renames are what it is for.
    const contractAt = section.sql.search(/^-- \+sfm contract$/m);
    const planned = (hit: RuleHit, stmt: { offset: number }, backfill: boolean) =>
      (backfill && hit.rule === 'update-all') || (contractAt >= 0 && stmt.offset > contractAt && hit.rule === 'rename');
    for (const seg of segments) {
      for (const stmt of seg.statements) {
        const at = locate(file, section.sql, stmt.offset);
        const ignored = ignoredAt(section.sql, stmt.offset);
        const hits = [
          ...ruleHits(stmt, seg.transactional, state),
          ...hygieneHits(stmt, state.createdTables),
          ...(live.get(stmt) ?? []),
        ];
        const kept = storageKeptAt(section.sql, stmt.offset);
        const absent = absentAt(section.sql, stmt.offset);
        for (const hit of hits) {
          if (ignored.has(hit.rule) || ignored.has('all') || settings[hit.rule] === 'off') continue;
          if (planned(hit, stmt, seg.backfill === true)) continue;
          if (noDrop(hit)) continue;
          // The step says the storage is kept (plan measured it so): what the rule could only suspect is a note.
          const { severity, why } = judge(hit, section, settings, kept, absent);
          findings.push({
            file,
            line: at.line,
            column: at.column,
            severity,
            rule: hit.rule,
            ...(hit.hazard ? { hazard: hit.hazard } : {}),
            message: `${hit.message}${why}`,
            ...(isRuleId(hit.rule) ? { fix: RULES[hit.rule].fix } : {}),
          });
        }
      }
    }
  }
  return findings;
}
