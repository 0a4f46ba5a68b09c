// The README's set-up command runs as written, from the repository's root (where this repository's own migration
// history lies, which the command must not plan from): it plans the quick-start shop only, with no hazard.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

const ROOT = join(__dirname, '..', '..');

/** The first command of the README's set-up block that runs `sfm-schema plan`, without the install before it. */
function setUpCommand(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /## Set up\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const line = block.split('\n').find((l) => l.includes('sfm-schema plan')) ?? '';
  return line.replace(/^npm install && /, '').replace(/\s+#.*$/, '');
}

describe('README set-up', () => {
  it('plans the shop only: its steps, no hazard, nothing written', () => {
    const command = setUpCommand();
    expect(command).toMatch(/^npx sfm-schema plan /);
    const shim = `set -euo pipefail\nnpx() { shift; node "${BIN}" "$@"; }\n`;
    const r = spawnSync('bash', ['-c', shim + command], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 300_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Plan: 12 step\(s\) from the migration history/);
    expect(r.stdout).not.toContain('HAZARDS');
    const ids = [...r.stdout.matchAll(/^ {2}\d+\. \w+ (\S+)$/gm)].map((m) => m[1] ?? '');
    expect(ids.filter((id) => !/^(sequence|table|constraint|type|index):public\./.test(id))).toEqual([]);
  });
});
