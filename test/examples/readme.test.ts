// The README's set-up command runs as written, from the root of a fresh clone of the repository (where this
// repository's own migration history lies, which the command must not plan from, and with no ../shared beside it):
// it plans the quick-start shop only, with no hazard.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BIN } from '../support/cli.js';
import { useDatabases } from '../support/db.js';

const ROOT = join(__dirname, '..', '..');
const database = useDatabases();
const shim = (bin: string) => `set -euo pipefail\nnpx() { shift; node "${bin}" "$@"; }\n`;

/** The lines of the README's sh block under `heading`. */
function block(heading: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`## ${heading}\n`);
  const text = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? '';
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** The first command of the README's set-up block that runs `sfm-schema plan`, without the install before it. */
function setUpCommand(): string {
  const line = block('Set up').find((l) => l.includes('sfm-schema plan')) ?? '';
  return line.replace(/^npm install && /, '').replace(/\s+#.*$/, '');
}

describe('README set-up', () => {
  it('plans the shop only, in a fresh clone: its steps, no hazard, nothing written', () => {
    const command = setUpCommand();
    expect(command).toMatch(/^npx sfm-schema plan /);
    const clone = join(mkdtempSync(join(tmpdir(), 'sfm-clone-')), 'sfm-schema');
    const git = spawnSync('git', ['clone', '--quiet', '--depth', '1', `file://${ROOT}`, clone], { encoding: 'utf8' });
    expect(git.status, git.stderr).toBe(0);
    expect(existsSync(join(clone, '..', 'shared'))).toBe(false);
    const r = spawnSync('bash', ['-c', shim(BIN) + command], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 300_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Plan: 12 step\(s\) from the migration history/);
    expect(r.stdout).not.toContain('HAZARDS');
    const ids = [...r.stdout.matchAll(/^ {2}\d+\. \w+ (\S+)$/gm)].map((m) => m[1] ?? '');
    expect(ids.filter((id) => !/^(sequence|table|constraint|type|index):public\./.test(id))).toEqual([]);
    // Nothing written: the clone is as git checked it out.
    const st = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone, encoding: 'utf8' });
    expect(st.stdout).toBe('');
  });

  it('Quick start: every line, as written, exits 0 against a server', async () => {
    const target = await database();
    const lines = block('Quick start');
    expect(lines.length).toBe(5);
    const cwd = mkdtempSync(join(tmpdir(), 'sfm-quickstart-'));
    for (const line of lines) {
      // Only the placeholder URL is replaced, by the test's database.
      const command = line.replaceAll('postgres://user@host/db', target.url);
      const r = spawnSync('bash', ['-c', shim(BIN) + command], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' },
        timeout: 300_000,
      });
      expect(r.status, `${line}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`).toBe(0);
    }
    const left = await target.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(left[0]?.n).toBe(0);
  });
});
