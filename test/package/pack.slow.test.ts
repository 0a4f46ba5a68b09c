// The package as users install it: `npm pack`, then the tarball installed into an empty folder. The CLI and the API
// example must run from compiled JavaScript alone: no tsx, no TypeScript sources, no tests in the package.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/sys/process.js';
import { useDatabases } from '../support/db.js';

const ROOT = join(__dirname, '..', '..');
const database = useDatabases();
let dir = '';
let installed = '';

const npm = (args: string[], cwd: string) =>
  runProcess('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });
const bin = (args: string[]) =>
  runProcess(process.execPath, [join(installed, 'bin', 'sfm-schema.mjs'), ...args], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: '' },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sfm-pack-'));
  const pack = await npm(['pack', '--pack-destination', dir], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz')) as string;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }),
  );
  const install = await npm(['install', '--prefer-offline', join(dir, tarball)], dir);
  expect(install.code, install.stderr).toBe(0);
  installed = join(dir, 'node_modules', 'sfm-schema');
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
  );
}

describe('the installed package', () => {
  it('holds dist, README and LICENSE, and no sources, tests or tsx', () => {
    const files = walk(installed).map((f) => f.slice(installed.length + 1));
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(existsSync(join(dir, 'node_modules', 'tsx'))).toBe(false);
  });

  it('runs --version, --help and plan --dry-run', async () => {
    const v = await bin(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect((await bin(['--help'])).stdout).toContain('Usage: sfm-schema');
    const plan = await bin(['plan', '--dry-run', '--schema', join(ROOT, 'examples', 'quickstart-sql', 'schema')]);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('(dry run: no migration written)');
  });

  it('runs through npx in the project that installed it, as the README says: --help, init, then plan', async () => {
    const npx = (args: string[]) =>
      runProcess('npx', ['--no-install', 'sfm-schema', ...args], {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: '' },
      });
    expect((await npx(['--help'])).stdout).toContain('Usage: sfm-schema');
    const init = await npx(['init']);
    expect(init.code, init.stderr).toBe(0);
    const plan = await npx(['plan', '--name', 'first']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(readdirSync(join(dir, 'generated-migrations')).some((f) => f.endsWith('_first.sql'))).toBe(true);
  });

  it('runs the API example against it', async () => {
    const target = await database();
    copyFileSync(join(ROOT, 'examples', 'api', 'plan-steps.mjs'), join(dir, 'plan-steps.mjs'));
    const r = await runProcess(
      process.execPath,
      [join(dir, 'plan-steps.mjs'), join(ROOT, 'examples', 'quickstart-sql', 'schema'), target.url],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { steps: unknown[] }).steps.length).toBeGreaterThan(0);
  });
});
