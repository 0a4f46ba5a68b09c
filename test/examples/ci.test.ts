// The CI example: its config file loads, and every sfm-schema command and flag the workflow uses exists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/config.js';
import { runCli } from '../support/cli.js';

const dir = join(__dirname, '..', '..', 'examples', 'ci');

describe('examples/ci', () => {
  it('the config file defines staging and production', () => {
    const file = join(dir, 'sfm-schema.config.yaml');
    const c = parseConfig(file, readFileSync(file, 'utf8'), {
      STAGING_DATABASE_URL: 'postgres://s/db',
      PRODUCTION_DATABASE_URL: 'postgres://p/db',
    });
    expect(c.environments?.['production']).toMatchObject({
      url: 'postgres://p/db',
      backup: true,
      allowHazards: ['INDEX_BUILD'],
    });
    expect(c.environments?.['staging']?.url).toBe('postgres://s/db');
  });

  it('every command of the workflow exists with its flags', async () => {
    const workflow = parse(readFileSync(join(dir, 'sfm-schema.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const commands = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .map((s) => s.run ?? '')
      .filter((r) => r.startsWith('npx sfm-schema '))
      .map((r) => r.slice('npx sfm-schema '.length).split(/\s+/));
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const [command, ...args] of commands) {
      const help = await runCli([command as string, '--help']);
      expect(help.code, `${command} --help`).toBe(0);
      for (const flag of args.filter((a) => a.startsWith('--')))
        expect(help.stdout, `${command} ${flag}`).toContain(flag);
    }
  });
});
