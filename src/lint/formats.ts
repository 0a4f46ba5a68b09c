// lint's findings as SARIF 2.1.0 (code scanning) and as GitHub Actions annotations.
import { RULES } from './catalog.js';
import type { LintFinding } from './lint.js';

export function toSarif(findings: readonly LintFinding[], version: string): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sfm-schema',
            version,
            informationUri: 'https://github.com/sfm-schema/sfm-schema',
            rules: Object.entries(RULES).map(([id, r]) => ({
              id,
              shortDescription: { text: r.why },
              help: { text: r.fix },
              defaultConfiguration: { level: r.severity },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          level: f.severity,
          message: { text: f.fix ? `${f.message}. Fix: ${f.fix}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
              },
            },
          ],
        })),
      },
    ],
  };
}

// Workflow commands escape %, CR and LF in the message and also , and : in properties.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithub(findings: readonly LintFinding[]): string {
  const level = { error: 'error', warning: 'warning', note: 'notice' } as const;
  return findings
    .map(
      (f) =>
        `::${level[f.severity]} file=${property(f.file)},line=${f.line},col=${f.column},title=${property(f.rule)}::` +
        data(f.fix ? `${f.message}. Fix: ${f.fix}` : f.message),
    )
    .join('\n');
}
