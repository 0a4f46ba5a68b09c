// The config file: validation with locations, environment interpolation, and --env on the CLI.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { useDatabases } from '../support/db.js';
import { runCli } from '../support/cli.js';

const database = useDatabases();

describe('config file', () => {
  it('reads environments and interpolates ${VAR} and ${VAR:-default}', () => {
    const c = parseConfig(
      'c.yaml',
      [
        'schema: db/schema',
        'environments:',
        '  staging:',
        '    url: postgres://app:${PW}@${HOST:-localhost}/app',
        '    lockTimeout: 5s',
        '    allowHazards: [INDEX_BUILD, ACCESS_EXCLUSIVE_LOCK]',
      ].join('\n'),
      { PW: 'pw' },
    );
    expect(c.schema).toBe('db/schema');
    expect(c.environments?.['staging']?.url).toBe('postgres://app:pw@localhost/app');
    expect(c.environments?.['staging']?.allowHazards).toEqual(['INDEX_BUILD', 'ACCESS_EXCLUSIVE_LOCK']);
  });

  it('names the place of an unset variable', () => {
    expect(() => parseConfig('c.yaml', 'environments:\n  prod:\n    url: ${PROD_URL}\n', {})).toThrow(
      'c.yaml:3:10: environment variable PROD_URL is not set',
    );
  });

  it('names the place and the expectation of a wrong value', () => {
    expect(() => parseConfig('c.yaml', 'environments:\n  prod:\n    url: x\n    lockTimeout: soon\n', {})).toThrow(
      /c\.yaml:4:18: environments\.prod\.lockTimeout: .*duration/,
    );
    expect(() =>
      parseConfig('c.yaml', 'environments:\n  prod:\n    url: x\n    allowHazards: [EVERYTHING]\n', {}),
    ).toThrow(/c\.yaml:4:20: environments\.prod\.allowHazards\.0/);
  });

  it('checks the retry settings', () => {
    expect(() => parseConfig('c.yaml', 'environments:\n  prod:\n    url: x\n    lockRetries: -1\n', {})).toThrow(
      /c\.yaml:4:18: environments\.prod\.lockRetries: /,
    );
    expect(
      parseConfig(
        'c.yaml',
        'pgBin: /opt/pg/bin\nenvironments:\n  prod:\n    url: x\n    backup: true\n    backupDir: /var/backups\n',
        {},
      ),
    ).toMatchObject({ pgBin: '/opt/pg/bin', environments: { prod: { backup: true, backupDir: '/var/backups' } } });
  });

  it('refuses unknown keys and broken YAML with their place', () => {
    expect(() => parseConfig('c.yaml', 'schema: s\nmigratons: m\n', {})).toThrow(
      /c\.yaml:2:1: config: Unrecognized key.*migratons/,
    );
    expect(() => parseConfig('c.yaml', 'schema: [a\n', {})).toThrow(/^c\.yaml:\d+:\d+: /);
  });

  it('--env takes the url, timeouts and allowed hazards from the config file', async () => {
    const target = await database('CREATE TABLE t (id int, old text);');
    const dir = mkdtempSync(join(tmpdir(), 'sfm-cfg-'));
    writeFileSync(
      join(dir, 'sfm-schema.config.yaml'),
      [
        'schema: desired',
        'environments:',
        '  staging:',
        '    url: ${STAGING_URL}',
        '    lockTimeout: 2s',
        '    lockRetries: 1',
        '    lockRetryDelay: 200ms',
        '    allowHazards: [DELETES_DATA]',
        '  strict:',
        '    url: ${STAGING_URL}',
      ].join('\n'),
    );
    const schemaDir = join(dir, 'desired');
    mkdirSync(schemaDir);
    writeFileSync(join(schemaDir, 't.sql'), 'CREATE TABLE t (id int);');
    const env = { STAGING_URL: target.url };
    expect((await runCli(['plan', '--env', 'staging'], { cwd: dir, env })).code).toBe(0);
    // The table predates sfm-schema, but the plan was made from this database: no drift, only the hazard decides.
    const noHazards = await runCli(['apply', '--env', 'strict'], { cwd: dir, env });
    expect(noHazards.code).toBe(1);
    expect(noHazards.stderr).toMatch(/refusing to apply: hazards not allowed[\s\S]*DELETES_DATA/);
    const r = await runCli(['apply', '--env', 'staging'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cols = await target.db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 't' AND column_name = 'old'`,
    );
    expect(cols).toHaveLength(0);
    const unknown = await runCli(['status', '--env', 'prod'], { cwd: dir, env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('environment "prod" is not defined (defined: staging, strict)');
  });
});
