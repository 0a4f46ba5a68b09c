// A YAML desired-state file → statements located in the YAML, plus its renames. Nothing runs here: the YAML is
// validated (zod), its SQL fragments parsed, and the generated statements parsed once more as a whole.
import { LocatedError, type SourceLocation, messageOf } from '../../errors.js';
import { parseLocated, issueError } from '../../yaml/document.js';
import { parseFile, type ParsedStatement } from '../../sql/parse.js';
import type { Rename } from '../renames.js';
import type { Conversion } from '../../model/conversion.js';
import { yamlFileSchema } from './yaml-schema.js';
import { renderYaml } from './yaml-render.js';

export interface LocatedStatement extends ParsedStatement {
  /** Where an error of this statement belongs; `position` is PostgreSQL's 1-based error position, if any. */
  locate(position?: number): SourceLocation;
}

export function loadYaml(
  file: string,
  text: string,
): { statements: LocatedStatement[]; renames: Rename[]; conversions: Conversion[] } {
  const d = parseLocated(file, text);
  const raw = d.doc.toJS() ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new LocatedError(d.at([]), 'expected a mapping with keys such as tables, enums, views, functions');
  }
  const result = yamlFileSchema.safeParse(raw);
  if (!result.success) throw issueError(d, result.error, 'file');
  const { statements, renames, conversions } = renderYaml(d, result.data);
  const located = statements.flatMap((s) => {
    let parsed: ParsedStatement[];
    try {
      parsed = parseFile(file, s.sql);
    } catch (err) {
      throw new LocatedError(
        s.at,
        `the SQL made from this entry does not parse: ${messageOf(err).replace(/^[^:]*:\d+:\d+: /, '')}`,
        { cause: err },
      );
    }
    return parsed.map((p) => ({
      ...p,
      locate: (position?: number) => {
        if (position === undefined) return s.at;
        const span = s.spans.find((x) => position - 1 >= x.start && position - 1 < x.end);
        return span?.at ?? s.at;
      },
    }));
  });
  return { statements: located, renames, conversions };
}
