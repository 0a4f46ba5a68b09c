// The lint corpus (test/lint/corpus/<rule>/bad.sql and good.sql, up-section SQL): every rule of the catalog has a
// case that it flags and one that it lets pass; ignore comments and per-rule settings; SARIF output validated
// against the SARIF 2.1.0 schema; GitHub annotations. Server-free.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/lint/catalog.js';
import { toGithub, toSarif } from '../../../src/lint/formats.js';
import { lintMigration, type RuleSettings } from '../../../src/lint/lint.js';

const CORPUS = join(__dirname, '..', '..', 'lint', 'corpus');
// Needs a whole file, not an up section (test/lint/lint.test.ts), or a target's rows (test/lint/live.test.ts).
const WHOLE_FILE = new Set(['layout', 'live-not-null', 'live-unique', 'live-rows', 'partitioned-index']);

/** An up section as a migration file, with no hazard declared. */
const file = (sql: string) =>
  `-- sfm-schema migration\n-- from: a\n-- to: b\n-- hazards: none\n-- down-hazards: none\n-- +sfm up\n-- step 1: lint case\n${sql}\n-- +sfm down\n`;

const lintCase = (rule: string, which: 'bad' | 'good', settings?: RuleSettings) =>
  lintMigration(`${rule}/${which}.sql`, file(readFileSync(join(CORPUS, rule, `${which}.sql`), 'utf8')), settings);

const rules = Object.keys(RULES).filter((r) => !WHOLE_FILE.has(r));

describe('the lint corpus', () => {
  it('has a case for every rule of the catalog, and no case of a rule it does not have', () => {
    expect(
      rules.filter((r) => !existsSync(join(CORPUS, r, 'bad.sql')) || !existsSync(join(CORPUS, r, 'good.sql'))),
    ).toEqual([]);
    expect(readdirSync(CORPUS).filter((d) => !(d in RULES))).toEqual([]);
  });

  it.each(rules)('%s: flags the bad case and lets the good one pass', async (rule) => {
    const bad = await lintCase(rule, 'bad');
    expect(bad.map((f) => f.rule)).toContain(rule);
    const found = bad.find((f) => f.rule === rule);
    if (rule !== 'syntax') expect(found?.fix).toBe(RULES[rule as keyof typeof RULES].fix);
    const good = await lintCase(rule, 'good');
    expect(good.map((f) => f.rule)).not.toContain(rule);
  });
});

describe('lint settings', () => {
  it('a "-- sfm:lint-ignore RULE" comment above a statement silences that rule there only', async () => {
    const sql =
      '-- sfm:lint-ignore type-json, type-int-key\nCREATE TABLE a (id int PRIMARY KEY, b json);\nCREATE TABLE c (d json);';
    const findings = await lintMigration('x.sql', file(sql));
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['type-json', 10]]);
  });

  it('the config turns a rule off or changes its severity', async () => {
    expect((await lintCase('type-json', 'bad', { 'type-json': 'off' })).map((f) => f.rule)).not.toContain('type-json');
    expect(
      (await lintCase('type-json', 'bad', { 'type-json': 'error' })).find((f) => f.rule === 'type-json')?.severity,
    ).toBe('error');
  });
});

describe('lint output formats', () => {
  it('SARIF is valid against the SARIF 2.1.0 schema, one result per finding with its rule and place', async () => {
    const findings = [...(await lintCase('drop', 'bad')), ...(await lintCase('type-json', 'bad'))];
    const sarif = toSarif(findings, '0.1.0') as { runs: { results: { ruleId: string }[] }[] };
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const validate = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(findings.map((f) => f.rule));
    // A broken log is refused: the check can fail.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('GitHub annotations carry file, line, column and rule', async () => {
    const out = toGithub(await lintCase('drop', 'bad'));
    expect(out).toMatch(/^::error file=drop\/bad\.sql,line=8,col=1,title=drop::table dropped with its data/);
  });
});
